import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/validation/id-param.pipe.js';
import { CurrentActor, type Actor } from '../access/actor.js';
import { RequirePermission } from '../access/require-permission.decorator.js';
import { roleHas } from '../access/permissions.js';
import { AccountsService, toUserView } from './accounts.service.js';
import { CreateTokenDto, CreateUserDto, ListTokensQueryDto, ListUsersQueryDto, UpdateUserDto } from './accounts.dto.js';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @RequirePermission('users.manage')
  list(@Query() query: ListUsersQueryDto, @CurrentActor() actor: Actor) {
    return this.accounts.list(actor.committeeId!, query);
  }

  @Post()
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'create a user; with `password` it is temporary and must be changed at first login' })
  create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor) {
    return this.accounts.create(actor.committeeId!, dto);
  }

  @Get(':id')
  @RequirePermission('users.manage')
  async get(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor) {
    return toUserView(await this.accounts.get(actor.committeeId!, id));
  }

  @Patch(':id')
  @RequirePermission('users.manage')
  @ApiOperation({ summary: "change name, role, unit; disable; set a temporary password (ends the user's sessions)" })
  update(@Param('id', IdParamPipe) id: number, @Body() dto: UpdateUserDto, @CurrentActor() actor: Actor) {
    return this.accounts.update(actor.committeeId!, id, dto, actor);
  }
}

/** Personal API tokens: everyone manages their own; the office admin may list and revoke anyone's. */
@ApiTags('tokens')
@Controller('tokens')
export class TokensController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @RequirePermission('tokens.own')
  async list(@Query() query: ListTokensQueryDto, @CurrentActor() actor: Actor) {
    if (query.userId && query.userId !== actor.userId) {
      if (!roleHas(actor.accountRole!, 'users.manage')) return [];
      await this.accounts.get(actor.committeeId!, query.userId);
      return this.accounts.listTokens(query.userId);
    }
    return this.accounts.listTokens(actor.userId!);
  }

  @Post()
  @RequirePermission('tokens.own')
  @ApiOperation({ summary: 'create a token for yourself; the token is in the answer, once' })
  create(@Body() dto: CreateTokenDto, @CurrentActor() actor: Actor) {
    return this.accounts.createToken(actor.userId!, dto);
  }

  @Delete(':id')
  @RequirePermission('tokens.own')
  @HttpCode(200)
  revoke(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor) {
    const admin = roleHas(actor.accountRole!, 'users.manage');
    return this.accounts.revokeToken(id, admin ? null : actor.userId!, actor.committeeId);
  }
}
