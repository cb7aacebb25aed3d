import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import type { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PERMISSION_KEY, PUBLIC_KEY, SELF_SERVICE_KEY } from './require-permission.decorator.js';
import type { Permission } from './permissions.js';

export interface DeclaredRoute {
  controller: string;
  handler: string;
  method: string;
  /** Path under /api, with :params. */
  path: string;
  access: { public: true } | { selfService: true } | { permission: Permission } | null;
}

function joinPath(...parts: string[]): string {
  return (
    '/' +
    parts
      .map((p) => p.replace(/^\/+|\/+$/g, ''))
      .filter(Boolean)
      .join('/')
  );
}

/** Every HTTP route of the application with what it declares (null: nothing — refused at start). */
export function declaredRoutes(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prefix = (Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string | string[] | undefined) ?? '';
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as (...args: unknown[]) => unknown;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number] ?? 'GET';
      const targets = [handler, wrapper.metatype];
      const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
      const selfService = reflector.getAllAndOverride<boolean>(SELF_SERVICE_KEY, targets);
      const permission = reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
      const access = isPublic
        ? { public: true as const }
        : selfService
          ? { selfService: true as const }
          : permission
            ? { permission }
            : null;
      for (const p of Array.isArray(path) ? path : [path]) {
        for (const pre of Array.isArray(prefix) ? prefix : [prefix])
          routes.push({ controller: wrapper.name, handler: name, method, path: joinPath('api', pre, p), access });
      }
    }
  }
  return routes;
}
