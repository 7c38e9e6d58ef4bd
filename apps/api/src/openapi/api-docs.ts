import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { CommandAnswerDto } from './answers.dto';

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF = 'application/pdf';

/** A read: its summary and what a 200 carries. */
export function ApiRead(summary: string, type: Type, description?: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary, ...(description ? { description } : {}) }),
    ApiResponse({ status: 200, description: 'OK', type }),
  );
}

/**
 * A read that also answers as a download with `format=csv` (UTF-8 with BOM, plain integer
 * amounts, for Excel) or `format=xlsx` — and `format=pdf` for the printed reports.
 */
export function ApiReadOrDownload(
  summary: string,
  type: Type,
  options: { pdf?: boolean } = {},
): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(type),
    ApiOperation({
      summary,
      description:
        options.pdf === true
          ? 'JSON by default; `format=csv`, `format=xlsx` or `format=pdf` (or the Accept header) answers the form as a file download (Content-Disposition: attachment).'
          : 'JSON by default; `format=csv` or `format=xlsx` answers the same table as a file download (Content-Disposition: attachment).',
    }),
    ApiResponse({
      status: 200,
      description: 'the answer, or the file asked for by `format`',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        [CSV]: { schema: { type: 'string' } },
        [XLSX]: { schema: { type: 'string', format: 'binary' } },
        ...(options.pdf === true
          ? { [PDF]: { schema: { type: 'string', format: 'binary' } } }
          : {}),
      },
    }),
  );
}

/** A command: recorded when answered (201 created, or 200 for a decision on something existing). */
export function ApiCommand(
  summary: string,
  status: 200 | 201,
  description?: string,
): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary, ...(description ? { description } : {}) }),
    ApiResponse({
      status,
      description:
        'Recorded: the events are in the log (a retry with the same Idempotency-Key answers the same)',
      type: CommandAnswerDto,
    }),
  );
}
