import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Inject } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { AppError } from '../common/errors/app-error.js';
import { Public, SelfService } from '../access/require-permission.decorator.js';
import { AuthService, SESSION_COOKIE, type Authenticated } from './auth.service.js';
import {
  ChangePasswordDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  UpdateMeDto,
} from './accounts.dto.js';

type AuthRequest = Request & { luoshiAuth?: Authenticated | null };

function authOf(req: AuthRequest): Authenticated {
  if (!req.luoshiAuth) throw new AppError(401, 'UNAUTHENTICATED', 'log in first');
  return req.luoshiAuth;
}

/** Login, logout, who am I, own password; password reset by e-mailed link. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'log in: sets the session cookie and returns the user with the CSRF token for writes' })
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { me, sessionSecret } = await this.auth.login(dto.login, dto.password, req.ip ?? null);
    res.cookie(SESSION_COOKIE, sessionSecret, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.server.publicUrl.startsWith('https:'),
      path: '/',
      // Relative, not an instant: with a simulated clock (LUOSHI_NOW) the server's instants are
      // not the browser's. The server checks the session's own expiry.
      maxAge: this.config.auth.sessionHours * 3_600_000,
    });
    return me;
  }

  @Post('logout')
  @SelfService()
  @HttpCode(204)
  async logout(@Req() req: AuthRequest, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(authOf(req));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @SelfService()
  @ApiOperation({ summary: 'the logged-in user, role, unit, committee and the CSRF token' })
  me(@Req() req: AuthRequest) {
    const auth = authOf(req);
    return this.auth.me(auth.user, auth.session);
  }

  @Patch('me')
  @SelfService()
  @ApiOperation({ summary: 'own preferences: UI language, display name' })
  async updateMe(@Body() dto: UpdateMeDto, @Req() req: AuthRequest) {
    const auth = authOf(req);
    await this.auth.updateMe(auth.user, dto);
    return this.auth.me({ ...auth.user, ...dto }, auth.session);
  }

  @Post('password')
  @SelfService()
  @HttpCode(204)
  @ApiOperation({ summary: 'change own password (required after a temporary password)' })
  async changePassword(@Body() dto: ChangePasswordDto, @Req() req: AuthRequest) {
    await this.auth.changePassword(authOf(req), dto.currentPassword, dto.newPassword);
  }

  @Post('password-reset/request')
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: 'e-mail a reset link (answers 202 whether or not the login exists)' })
  async requestReset(@Body() dto: PasswordResetRequestDto, @Req() req: Request) {
    await this.auth.requestReset(dto.login, req.ip ?? null);
    return { accepted: true };
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: "set a new password with the link's token (works once, until it expires)" })
  async confirmReset(@Body() dto: PasswordResetConfirmDto, @Req() req: Request) {
    await this.auth.confirmReset(dto.token, dto.newPassword, req.ip ?? null);
  }
}
