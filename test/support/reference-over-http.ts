import { call } from '@app/testing/faults';
import { TEST_DECISIONS, TEST_UNITS } from './api-harness';

/**
 * What ApiHarness.registerReference does, for an API in its own process: the units and the
 * decisions allocations cite, registered by an administrator (allocations under an
 * unregistered decision, or to an unregistered unit, are refused).
 */
export async function registerReferenceOverHttp(
  port: number,
  adminToken: string,
  units: readonly string[] = TEST_UNITS,
  decisions: readonly { number: string; issuedOn: string; title: string }[] = TEST_DECISIONS,
): Promise<void> {
  const bodies: [string, object, string][] = [
    ...units.map((code): [string, object, string] => [
      '/api/v1/units',
      { code, name: `Đơn vị ${code}`, kind: 'district_agency', validFrom: '2021-01-01' },
      `ref-unit-${code}`,
    ]),
    ...decisions.map((d, i): [string, object, string] => [
      '/api/v1/documents',
      { type: 'QĐ', issuer: 'UBND huyện Ba Tơ', ...d },
      // Header values are ASCII: the number (30/QĐ-UBND) is not.
      `ref-document-${i}`,
    ]),
  ];
  for (const [path, body, key] of bodies) {
    const answer = await call(port, 'POST', path, adminToken, body, key);
    if (answer.status !== 201) {
      throw new Error(
        `${path} ${JSON.stringify(body)}: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
  }
}
