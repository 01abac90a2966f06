#!/usr/bin/env bash
# Rebuilds docs/assets/vendor/write-excel-file/ from the versions pinned in package-lock.json (make vendor-xlsx).
set -euo pipefail
cd "$(dirname "$0")"
out=../../docs/assets/vendor/write-excel-file
wef=$(node -p 'require("./node_modules/write-excel-file/package.json").version')
ff=$(node -p 'require("./node_modules/fflate/package.json").version')
mkdir -p "$out"
./node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --global-name=kbXlsx --legal-comments=none \
  --target=es2017 --charset=utf8 --log-level=warning \
  --banner:js="/*! write-excel-file ${wef} and fflate ${ff} (MIT licences: LICENSE-write-excel-file.txt, LICENSE-fflate.txt); bundled by tools/xlsx/build.sh */" \
  --outfile="$out/write-excel-file.js"
cp node_modules/write-excel-file/LICENSE "$out/LICENSE-write-excel-file.txt"
cp node_modules/fflate/LICENSE "$out/LICENSE-fflate.txt"
echo "write-excel-file ${wef}, fflate ${ff}: $(wc -c < "$out/write-excel-file.js") bytes"
