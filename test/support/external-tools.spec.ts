import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decide, type ExternalTool } from './external-tools';

describe('external tools of a test tier', () => {
  let bin: string;
  const tool = (executables: string[]): ExternalTool => ({
    name: 'a tool',
    executables,
    requireVariable: 'REQUIRE_A_TOOL',
    install: 'apt-get install -y a-tool',
  });

  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), 'tools-'));
    writeFileSync(join(bin, 'present'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(bin, 'not-executable'), '', { mode: 0o644 });
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  it('runs the tier when every program is on PATH or at its path', () => {
    expect(decide(tool(['present', join(bin, 'present')]), { PATH: bin })).toEqual({ run: true });
  });

  it('skips it with a line naming what is missing and how to install it', () => {
    const decision = decide(tool(['present', 'absent', 'not-executable']), { PATH: bin });
    expect(decision).toEqual({
      run: false,
      fail: false,
      message: expect.stringMatching(
        /^SKIP a tool tier: absent, not-executable not found\. To run it: apt-get install -y a-tool/,
      ) as unknown,
    });
  });

  it('fails it instead when its REQUIRE_ variable is 1, as in CI', () => {
    const decision = decide(tool(['absent']), { PATH: bin, REQUIRE_A_TOOL: '1' });
    expect(decision).toMatchObject({ run: false, fail: true });
    expect(decision.run ? '' : decision.message).toMatch(/^FAIL a tool tier: absent not found/);
  });
});
