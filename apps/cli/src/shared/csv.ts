/** One CSV writer for the CLI and the HTTP downloads (without loading the XLSX writer). */
export { renderCsv, UTF8_BOM, type CsvCell } from '@app/reporting/csv';
