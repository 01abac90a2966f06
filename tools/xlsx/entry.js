// The site's XLSX export (docs/assets/javascripts/self-assessment.js loads the bundle on first use): write-excel-file's
// synchronous writer, which zips with fflate's zipSync. The package's own browser bundle zips asynchronously, and fflate
// then runs large sheets in a Web Worker made from a blob: URL, which the site's Content Security Policy forbids.
import { generateXlsxFileSync } from "./node_modules/write-excel-file/modules/export/writeXlsxFileUniversal.js";
import toUint8Array from "./node_modules/write-excel-file/modules/export/convertFileContentToUint8ArrayUniversal.js";

// sheets: [{ data, sheet, columns, stickyRowsCount }]; resolves to a Blob.
export function xlsxBlob(sheets, options) {
  return generateXlsxFileSync(sheets, options, undefined, toUint8Array);
}
