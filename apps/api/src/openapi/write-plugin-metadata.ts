import { readFileSync, writeFileSync } from 'node:fs';
import { METADATA_FILE, generatePluginMetadata } from './plugin-metadata';

/** `npm run openapi:metadata`: regenerates the swagger plugin's metadata file. */
generatePluginMetadata()
  .then((text) => {
    let current = '';
    try {
      current = readFileSync(METADATA_FILE, 'utf8');
    } catch {
      // First generation.
    }
    if (current === text) console.log(`${METADATA_FILE}: up to date`);
    else {
      writeFileSync(METADATA_FILE, text);
      console.log(`${METADATA_FILE}: rewritten`);
    }
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
