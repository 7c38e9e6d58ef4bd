import { closeSync, constants, lstatSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliError } from './cli-errors';

function refused(code: string, vi: string, en: string): CliError {
  return new CliError(code, { vi, en });
}

/**
 * Writes a command's output file (`--out`). An existing file is kept unless `force` says
 * to replace it; a symbolic link is never followed (O_NOFOLLOW: not to /etc/passwd, not to
 * a file the link was swapped to after a check); a folder, a missing folder or a file the
 * user may not write give an error that says which, with a stable code.
 */
export function writeOutputFile(path: string, bytes: Buffer | string, force = false): void {
  const existing = lstatSync(path, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink()) {
    throw refused(
      'OUT.SYMLINK',
      `${path} là liên kết: không ghi qua liên kết`,
      `${path} is a symbolic link: output is never written through a link`,
    );
  }
  if (existing?.isDirectory()) {
    throw refused(
      'OUT.IS_DIRECTORY',
      `${path} là thư mục, cần tên tệp`,
      `${path} is a folder; give a file name`,
    );
  }
  if (existing && !force) {
    throw refused(
      'OUT.EXISTS',
      `tệp ${path} đã có: không ghi đè (thêm --force để thay thế)`,
      `${path} already exists: not overwritten (add --force to replace it)`,
    );
  }
  const flags =
    constants.O_WRONLY |
    constants.O_CREAT |
    constants.O_NOFOLLOW |
    (force ? constants.O_TRUNC : constants.O_EXCL);
  let fd: number;
  try {
    fd = openSync(path, flags, 0o644);
  } catch (error) {
    throw fromErrno(path, (error as NodeJS.ErrnoException).code);
  }
  try {
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written);
  } finally {
    closeSync(fd);
  }
}

function fromErrno(path: string, code: string | undefined): CliError {
  switch (code ?? '') {
    case 'EEXIST':
      return refused(
        'OUT.EXISTS',
        `tệp ${path} đã có: không ghi đè (thêm --force)`,
        `${path} already exists (add --force)`,
      );
    case 'ELOOP':
      return refused(
        'OUT.SYMLINK',
        `${path} là liên kết: không ghi qua liên kết`,
        `${path} is a symbolic link: not written through`,
      );
    case 'EISDIR':
      return refused(
        'OUT.IS_DIRECTORY',
        `${path} là thư mục, cần tên tệp`,
        `${path} is a folder; give a file name`,
      );
    case 'ENOENT':
    case 'ENOTDIR':
      return refused(
        'OUT.NO_FOLDER',
        `không có thư mục ${dirname(path)}`,
        `no such folder: ${dirname(path)}`,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return refused(
        'OUT.NOT_WRITABLE',
        `không được ghi vào ${path}`,
        `${path} may not be written`,
      );
    default:
      return refused(
        'OUT.NOT_WRITTEN',
        `không ghi được ${path} (${code ?? '?'})`,
        `${path} could not be written (${code ?? '?'})`,
      );
  }
}
