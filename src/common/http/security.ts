import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Response headers for the API, its docs (Swagger UI at /api/docs) and the web app served from
 * the same origin: scripts, styles, fonts and images from this origin only (inline styles allowed:
 * antd and Swagger UI set style attributes), no framing by any site, no MIME sniffing.
 * upgrade-insecure-requests is left out: offices often run the service over plain http on their LAN.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Downloads (attachments, exports) are opened by other windows of the same app.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
