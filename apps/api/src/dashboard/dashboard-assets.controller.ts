import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { transformFileSync } from '@swc/core';
import type { Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Public } from '../auth';

const OWN_ASSETS = join(__dirname, 'assets');

/** Where a file of the dashboard's own is: beside this file, or in the source tree. */
function ownAsset(name: string): string | null {
  const candidates = [
    join(OWN_ASSETS, name),
    join(process.cwd(), 'apps', 'api', 'src', 'dashboard', 'assets', name),
  ];
  return candidates.find((p) => existsSync(p)) ?? null;
}

function requireAsset(name: string): string {
  const path = ownAsset(name);
  if (!path) throw new Error(`Dashboard asset ${name} not found`);
  return path;
}

/**
 * The client script, compiled from its TypeScript source by swc (loaded with the app:
 * `npm start` runs through it). A tsc build without the sources holds it as CommonJS
 * output, whose `exports` preamble a browser lacks: that one is wrapped to provide it.
 */
function clientScript(name = 'dashboard'): Buffer {
  const source = ownAsset(`${name}.client.ts`);
  if (source) {
    const { code } = transformFileSync(source, {
      swcrc: false,
      isModule: false,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2020' },
      sourceMaps: false,
    });
    return Buffer.from(code, 'utf8');
  }
  const built = readFileSync(requireAsset(`${name}.client.js`), 'utf8');
  return Buffer.from(`(function (exports) {\n${built}\n})({});\n`, 'utf8');
}

const ASSETS: Record<string, { type: string; load: () => Buffer }> = {
  'dashboard.css': {
    type: 'text/css; charset=utf-8',
    load: () => readFileSync(requireAsset('dashboard.css')),
  },
  'dashboard.js': { type: 'text/javascript; charset=utf-8', load: () => clientScript() },
  // The write forms' helpers (forms/form-infra.ts), loaded by form pages only.
  'forms.js': { type: 'text/javascript; charset=utf-8', load: () => clientScript('forms') },
  // Chart.js's own UMD build, from the installed package: no CDN, offices have no internet.
  'chart.umd.min.js': {
    type: 'text/javascript; charset=utf-8',
    load: () => readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js')),
  },
};

/** Every file the dashboard loads, served by the product itself. */
@ApiExcludeController()
@Public()
@Controller('assets')
export class DashboardAssetsController {
  private readonly cache = new Map<string, Buffer>();

  @Get(':name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw new NotFoundException();
    let body = this.cache.get(name);
    if (!body) {
      body = asset.load();
      this.cache.set(name, body);
    }
    // Revalidated on every load (Express answers 304 to a matching ETag).
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Cache-Control', 'no-cache');
    res.send(body);
  }
}
