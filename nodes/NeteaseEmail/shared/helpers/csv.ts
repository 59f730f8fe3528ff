/**
 * A small CSV codec for the address book's Import and Export operations: RFC 4180 with the
 * leniencies needed for files saved by Excel and WPS (GBK text, `;` or tab delimiters,
 * trailing empty cells).
 */

export type CsvEncoding = 'utf-8' | 'gbk' | 'utf-16le';

export type CsvProblem = { line: number; message: string };

export type CsvRow = { line: number; values: Record<string, string> };

export type CsvParseResult = { headers: string[]; rows: CsvRow[]; problems: CsvProblem[] };

/** Decodes UTF-8 (with or without BOM), UTF-16LE with BOM, and otherwise GBK/GB18030. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
	}
	if (bytes[0] === 0xff && bytes[1] === 0xfe) {
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		// Not UTF-8: Chinese Excel and WPS save "CSV" in the system code page, GBK.
	}
	let text: string | undefined;
	try {
		text = new TextDecoder('gb18030').decode(bytes);
	} catch {
		// Node.js built with small-icu has no GB18030 decoder (official builds have full-icu).
	}
	if (text === undefined) {
		throw new Error(
			'The file is not UTF-8, and this Node.js build cannot decode GBK. Save it as "CSV UTF-8" and try again.',
		);
	}
	return { text, encoding: 'gbk' };
}

/** UTF-8 with a BOM, without which Excel reads the Chinese text as the system code page. */
export function encodeCsvBytes(text: string): Uint8Array {
	const body = new TextEncoder().encode(text);
	const bytes = new Uint8Array(body.length + 3);
	bytes.set([0xef, 0xbb, 0xbf]);
	bytes.set(body, 3);
	return bytes;
}

/**
 * Parses CSV text whose first non-empty line is the header. Returns the rows that can be used and
 * a problem for each thing that could not: an unusable header name, a row with more values than
 * columns, or an unclosed quote (which ends parsing, since everything after it is in doubt).
 */
export function parseCsv(text: string, options: { delimiter?: string } = {}): CsvParseResult {
	const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const delimiter = options.delimiter ?? detectDelimiter(source);
	if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
		throw new Error(`Invalid CSV delimiter ${JSON.stringify(delimiter)}`);
	}

	const { records, unclosedQuoteLine } = readRecords(source, delimiter);
	const problems: CsvProblem[] = [];
	const rows: CsvRow[] = [];
	const [header, ...body] = records;
	const headerLine = header?.line ?? 1;
	const headers = header ? header.cells.map((cell) => cell.trim()) : [];
	// Excel writes empty cells up to the widest row it has ever seen; they are not columns.
	while (headers.length > 1 && headers[headers.length - 1] === '') headers.pop();

	const columns = new Map<string, number>();
	headers.forEach((name, index) => {
		const first = columns.get(name);
		if (name === '') {
			problems.push({ line: headerLine, message: `Column ${index + 1} of the header has no name` });
		} else if (first !== undefined) {
			problems.push({
				line: headerLine,
				message: `Column ${index + 1} of the header repeats the name "${name}" of column ${first + 1}`,
			});
		} else {
			columns.set(name, index);
		}
	});

	for (const { line, cells } of body) {
		let count = cells.length;
		while (count > 0 && cells[count - 1] === '') count--;
		if (count > headers.length) {
			problems.push({
				line,
				message: `Line ${line} has ${count} values but the header has ${headers.length} columns`,
			});
			continue;
		}
		const values: Record<string, string> = {};
		for (const [name, index] of columns) values[name] = cells[index] ?? '';
		rows.push({ line, values });
	}

	if (unclosedQuoteLine !== undefined) {
		problems.push({
			line: unclosedQuoteLine,
			message: `The quoted value that starts on line ${unclosedQuoteLine} has no closing quote, so the file was read only up to that line`,
		});
	}
	return { headers, rows, problems };
}

// No formula-injection prefix ('=', '+', '-', '@'): the file is meant to be re-imported unchanged.
export function toCsv(headers: string[], rows: Array<Record<string, unknown>>): string {
	const lines = [headers, ...rows.map((row) => headers.map((name) => row[name]))].map((cells) => {
		const line = cells.map(formatCell).join(',');
		// A lone empty value would be an empty line, which parseCsv skips.
		return line === '' ? '""' : line;
	});
	return lines.map((line) => line + '\r\n').join('');
}

function formatCell(value: unknown): string {
	const text =
		value === null || value === undefined
			? ''
			: typeof value === 'object'
				? JSON.stringify(value)
				: String(value);
	// Quoting ';' and tab keeps delimiter detection on comma; quoting edge whitespace keeps
	// whitespace-only values, which parseCsv blanks only when unquoted.
	return /[",;\t\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Comma, semicolon or tab: whichever occurs most outside quotes in the first non-empty line. */
function detectDelimiter(text: string): string {
	const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
	let inQuotes = false;
	let started = false;
	for (const ch of text) {
		if (ch === '"') {
			inQuotes = !inQuotes;
		} else if (!inQuotes && (ch === '\r' || ch === '\n')) {
			if (started) break;
		} else if (!inQuotes && ch in counts) {
			counts[ch]++;
			started = true;
		} else if (ch.trim() !== '') {
			started = true;
		}
	}
	return [';', '\t'].reduce((best, ch) => (counts[ch] > counts[best] ? ch : best), ',');
}

type RawRecord = { line: number; cells: string[] };

/**
 * Splits text into records of cells, tracking the physical line each record starts on. Unquoted
 * whitespace-only cells become '', and records that are a single such cell (blank lines) are
 * dropped. Stops at an unclosed quote and reports the line it opened on.
 */
function readRecords(
	text: string,
	delimiter: string,
): { records: RawRecord[]; unclosedQuoteLine?: number } {
	const records: RawRecord[] = [];
	let line = 1;
	let recordLine = 1;
	let cells: string[] = [];
	let field = '';
	let quoted = false;

	const endField = () => {
		cells.push(!quoted && field.trim() === '' ? '' : field);
		field = '';
		quoted = false;
	};
	const endRecord = () => {
		const blank = cells.length === 0 && !quoted && field.trim() === '';
		endField();
		if (!blank) records.push({ line: recordLine, cells });
		cells = [];
	};

	let i = 0;
	while (i < text.length) {
		const ch = text[i];
		if (ch === '"' && field === '' && !quoted) {
			const quoteLine = line;
			quoted = true;
			i++;
			for (;;) {
				if (i >= text.length) return { records, unclosedQuoteLine: quoteLine };
				const c = text[i];
				if (c === '"') {
					if (text[i + 1] !== '"') break;
					field += '"';
					i += 2;
					continue;
				}
				if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
				field += c;
				i++;
			}
			i++;
		} else if (ch === delimiter) {
			endField();
			i++;
		} else if (ch === '\r' || ch === '\n') {
			endRecord();
			i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
			recordLine = ++line;
		} else {
			// Quotes inside an unquoted value, or after a closing quote, are kept literally.
			field += ch;
			i++;
		}
	}
	if (cells.length > 0 || quoted || field !== '') endRecord();
	return { records };
}

/**
 * False for text decoded from a file that is not text, or not in an encoding `decodeCsvBytes`
 * reads: control characters (an .xlsx, UTF-16 without a BOM) or replacement characters.
 */
export function looksLikeText(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0xfffd || (code < 0x20 && (code < 0x09 || code > 0x0d))) return false;
	}
	return true;
}
