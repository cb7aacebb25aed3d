import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppError } from '../errors/app-error.js';
import { ACCEPTS_UPLOAD_KEY } from './accepts-upload.decorator.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A browser sends form-encoded, multipart and text/plain POSTs from any site without asking
 * first (no CORS preflight); JSON it does not. So a write with a body must be JSON, or multipart
 * on a route that takes a file upload (@AcceptsUpload). Anything else is a 415 before the
 * handler (or the upload parser) runs.
 */
@Injectable()
export class ContentTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (!WRITES.has(req.method)) return true;
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const hasBody =
      type !== '' || Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody) return true;
    const upload =
      this.reflector.getAllAndOverride<boolean>(ACCEPTS_UPLOAD_KEY, [context.getHandler(), context.getClass()]) ===
      true;
    if (type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'))) return true;
    if (type === 'multipart/form-data' && upload) return true;
    throw new AppError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      upload
        ? 'send the file as multipart/form-data (or JSON where the route documents it)'
        : `this route takes JSON only (Content-Type: application/json), not ${type || 'a body without a type'}`,
      {
        contentType: type || null,
        accepted: upload ? ['application/json', 'multipart/form-data'] : ['application/json'],
      },
    );
  }
}
