import { SetMetadata } from '@nestjs/common';

export const ACCEPTS_UPLOAD_KEY = 'luoshi:acceptsUpload';

/** The route takes a file as multipart/form-data; every other route takes JSON only (see ContentTypeGuard). */
export const AcceptsUpload = () => SetMetadata(ACCEPTS_UPLOAD_KEY, true);
