// Writes FILE.br and FILE.gz beside each FILE, at maximum levels, for the server to send as
// they are (leptos_axum serves precompressed files).
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

for (const file of process.argv.slice(2)) {
  const data = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  }));
  writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
}
