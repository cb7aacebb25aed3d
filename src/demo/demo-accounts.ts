import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import type { DemoExtension, LoadedDemo } from './demo-seed.service.js';

/** The demo's logins: `office` and one liaison per member unit; `demo remove` takes them away with it. */
@Injectable()
export class DemoAccounts implements DemoExtension {
  constructor(private readonly accounts: AccountsService) {}

  async afterLoad(demo: LoadedDemo): Promise<void> {
    await this.accounts.createDemoAccounts(demo.committeeId);
  }

  async beforeRemove(committeeId: number, em: EntityManager): Promise<void> {
    await this.accounts.removeCommitteeUsers(committeeId, em);
  }
}
