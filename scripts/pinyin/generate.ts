/**
 * npm run pinyin:generate
 *
 * Writes nodes/NeteaseEmail/shared/helpers/pinyin/table.generated.ts from pinyin-pro (see
 * table.ts). Run it after changing the pinyin-pro version, and commit the result.
 */
import { statSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

import { renderTable, TABLE_FILE } from './table';

writeFileSync(TABLE_FILE, renderTable());
const size = statSync(TABLE_FILE).size;
console.log(`Wrote ${relative(process.cwd(), TABLE_FILE)} (${(size / 1024).toFixed(1)} KiB)`);
