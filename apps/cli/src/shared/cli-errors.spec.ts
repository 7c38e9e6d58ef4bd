import { DomainError } from '@app/budgeting';
import { CliError, UsageError, formatCommanderError, reportFailure } from './cli-errors';

function report(error: unknown): { code: number; stderr: string } {
  let stderr = '';
  const code = reportFailure(error, (text) => (stderr += text));
  return { code, stderr };
}

describe('reportFailure', () => {
  it('maps usage errors to exit 2, every problem in both languages', () => {
    const { code, stderr } = report(
      UsageError.of('--role', { vi: '--role: vai trò không hợp lệ', en: '--role: unknown role' }),
    );
    expect(code).toBe(2);
    expect(stderr).toContain('--role: vai trò không hợp lệ');
    expect(stderr).toContain('--role: unknown role');
  });

  it('maps domain errors to exit 1 with their code', () => {
    const error = new DomainError('BUDGET.LINE_OVERDRAWN', 'conflict', {
      vi: 'vượt dự toán',
      en: 'overdrawn',
    });
    expect(report(error)).toEqual({
      code: 1,
      stderr: 'Lỗi BUDGET.LINE_OVERDRAWN: vượt dự toán\nError BUDGET.LINE_OVERDRAWN: overdrawn\n',
    });
  });

  it('maps command failures and coded library errors to exit 1', () => {
    expect(report(new CliError('USER.NOT_FOUND', { vi: 'không có', en: 'none' })).code).toBe(1);
    const unavailable = Object.assign(new Error('Event store unavailable at esdb://x'), {
      code: 'EVENT_STORE.UNAVAILABLE',
    });
    expect(report(unavailable)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('không kết nối được sổ sự kiện') as string,
    });
  });

  it('ends help with 0 and commander usage errors with 2', () => {
    const commander = (exitCode: number, code: string) =>
      Object.assign(new Error(code), { exitCode, code });
    expect(report(commander(0, 'commander.helpDisplayed'))).toEqual({ code: 0, stderr: '' });
    expect(report(commander(1, 'commander.unknownOption'))).toEqual({ code: 2, stderr: '' });
  });

  it('reports anything else as an internal failure, exit 1', () => {
    expect(report(new TypeError('boom'))).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Error INTERNAL') as string,
    });
  });
});

describe('formatCommanderError', () => {
  it('gives commander messages in Vietnamese too', () => {
    expect(
      formatCommanderError("error: unknown option '--rol'\n(Did you mean --role?)\n"),
    ).toContain("Sai cú pháp lệnh: không có tùy chọn '--rol'\nUsage error: unknown option '--rol'");
  });
});
