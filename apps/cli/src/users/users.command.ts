import { Command } from 'nest-commander';
import { CommandGroup } from '../shared/budget-command';
import { UsersAddCommand } from './users-add.command';
import { UsersListCommand } from './users-list.command';
import { UsersRevokeCommand } from './users-revoke.command';
import { UsersTokenCommand } from './users-token.command';

@Command({
  name: 'users',
  description: 'người dùng và mã truy cập API / users and their API tokens',
  subCommands: [UsersAddCommand, UsersListCommand, UsersRevokeCommand, UsersTokenCommand],
})
export class UsersCommand extends CommandGroup {}
