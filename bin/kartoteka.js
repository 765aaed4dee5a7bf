#!/usr/bin/env node
// The CLI is compiled by `npm run build` (tsc) into dist/.
import('../dist/src/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('kartoteka: not built yet: run `npm run build` in the checkout first');
    process.exit(2);
  }
  throw err;
});
