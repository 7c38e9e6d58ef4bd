import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InjectCommander } from 'nest-commander';
import { type CommanderCommand, configureCommand } from './shared/budget-command';

/** The root `budget` program: its name, description and the settings of every command. */
@Injectable()
export class CliProgram {
  constructor(@InjectCommander() program: CommanderCommand) {
    configureCommand(program);
    program
      .name('budget')
      .description(
        'Sổ cái ngân sách CTMTQG: quản trị và kiểm toán / budget ledger: administration and audit.\n' +
          'Mọi lệnh nhận --data DIR (mặc định BUDGET_DATA_DIR, rồi ./data) và --json.\n' +
          'Every command takes --data DIR (default BUDGET_DATA_DIR, then ./data) and --json.',
      )
      .addHelpCommand('help [command]', 'hướng dẫn của một lệnh / help for a command')
      .version(packageVersion(), '-V, --version', 'in phiên bản / print the version');
  }
}

/** The version in package.json, as `budget --version` prints it. */
function packageVersion(): string {
  const file = join(__dirname, '..', '..', '..', 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
