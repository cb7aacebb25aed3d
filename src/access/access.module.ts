import { Global, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AccessGuard } from './access.guard.js';
import { declaredRoutes } from './route-declarations.js';
import { ReadCacheStore } from './read-cache.js';

/** Access control in one place: the global guard, and the start-up check that every route declares its access. */
@Global()
@Module({
  imports: [DiscoveryModule, AccountsModule],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }, ReadCacheStore],
  exports: [ReadCacheStore],
})
export class AccessModule implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const undeclared = declaredRoutes(this.discovery, this.scanner, this.reflector).filter((r) => r.access === null);
    if (undeclared.length) {
      throw new Error(
        `routes without an access declaration (@RequirePermission or @Public): ${undeclared.map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`).join(', ')}`,
      );
    }
  }
}
