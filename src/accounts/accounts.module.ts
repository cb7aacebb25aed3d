import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { CommitteesModule } from '../committees/committees.module.js';
import { UnitsModule } from '../units/units.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AccountsService } from './accounts.service.js';
import { AuthService } from './auth.service.js';
import { AuthController } from './auth.controller.js';
import { TokensController, UsersController } from './users.controller.js';

/** Users, roles, sessions, API tokens, password resets. Access control itself lives in access/. */
@Module({
  imports: [CommitteesModule, UnitsModule, NotificationsModule],
  providers: [AccountsService, AuthService],
  controllers: [AuthController, UsersController, TokensController],
  exports: [AccountsService, AuthService],
})
export class AccountsModule implements OnApplicationBootstrap {
  constructor(private readonly accounts: AccountsService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.accounts.ensureFirstAdmin();
  }
}
