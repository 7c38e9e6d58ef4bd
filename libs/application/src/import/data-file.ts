import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import type { ImportProblem } from './import-problem';

/**
 * The largest data file read (4 MiB: the Ba Tơ files are a few kB; a district's real
 * lists of units and lines stay far below). A larger file is refused before it is read,
 * so a 46 MB units.yaml cannot take gigabytes of memory to parse.
 */
export const MAX_DATA_FILE_BYTES = 4 * 1024 * 1024;

function problem(file: string, code: string, vi: string, en: string): ImportProblem {
  return { file, path: '', line: null, code, message: { vi, en } };
}

/**
 * Reads one data file of a set, or says why not. Only a regular file is read: a symbolic
 * link (to /etc/shadow, say) or a device, pipe or folder under a data file's name is
 * refused without being opened, and the file is opened with O_NOFOLLOW so a link swapped
 * in after the check is refused too.
 */
export function readDataFile(
  path: string,
  name: string,
): { text: string } | { problem: ImportProblem } {
  const link = lstatSync(path, { throwIfNoEntry: false });
  if (!link || link.isSymbolicLink() || !link.isFile()) {
    return {
      problem: problem(
        name,
        'IMPORT.NOT_A_REGULAR_FILE',
        'không phải tệp thường (liên kết, thư mục hoặc thiết bị): không đọc',
        'not a regular file (a link, folder or device): not read',
      ),
    };
  }
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return {
      problem: problem(name, 'IMPORT.UNREADABLE', 'không mở được tệp', 'the file cannot be opened'),
    };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      return {
        problem: problem(
          name,
          'IMPORT.NOT_A_REGULAR_FILE',
          'không phải tệp thường',
          'not a regular file',
        ),
      };
    }
    if (stat.size > MAX_DATA_FILE_BYTES) {
      return {
        problem: problem(
          name,
          'IMPORT.FILE_TOO_LARGE',
          `tệp ${stat.size} byte, vượt giới hạn ${MAX_DATA_FILE_BYTES} byte của một tệp dữ liệu`,
          `the file has ${stat.size} bytes, more than the ${MAX_DATA_FILE_BYTES} a data file may have`,
        ),
      };
    }
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, buffer, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { text: buffer.subarray(0, read).toString('utf8') };
  } finally {
    closeSync(fd);
  }
}
