/**
 * HTML as readable plain text, e.g. a mail body for a language model. Paragraphs and line breaks
 * are kept, list items become "- " or "1. " lines indented per level, table cells are separated by
 * " | ", quoted parts become "> " lines, links read "text (url)", images their alt text; scripts,
 * styles, the head and comments are dropped, entities decoded, other whitespace collapsed. No DOM:
 * a tolerant tokenizer, so malformed HTML (unclosed tags, a stray "<") still gives its text.
 */

/**
 * A comment, a declaration or processing instruction, a tag (quoted attribute values may hold
 * ">"), text, or a "<" that starts no tag. An unclosed comment or tag runs to the end.
 */
const TOKEN =
	/<!--[\s\S]*?(?:-->|$)|<[!?][^>]*(?:>|$)|<(\/?)([a-zA-Z][\w:-]*)((?:"[^"]*"?|'[^']*'?|[^'">])*)(?:>|$)|[^<]+|</g;
const ATTRIBUTE = /([^\s"'=/]+)(?:\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s"'>]+)))?/g;

/** Elements whose content is no text a reader sees… */
const SKIPPED = new Set(['head', 'template']);
/** …and those whose content is not even HTML: it ends at their first closing tag (`a<b` in a script). */
const RAW_TEXT = new Set(['script', 'style', 'title']);
/** Blocks set apart by a blank line. */
const PARAGRAPHS = new Set([
	'address',
	'blockquote',
	'dl',
	'figure',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'hr',
	'p',
	'pre',
	'table',
]);
/** Blocks that start on a line of their own. */
const LINES = new Set([
	'article',
	'aside',
	'caption',
	'center',
	'dd',
	'details',
	'div',
	'dt',
	'fieldset',
	'figcaption',
	'footer',
	'form',
	'header',
	'li',
	'main',
	'nav',
	'section',
	'summary',
	'tr',
]);

/** HTML 4's Latin-1 entities, for U+00A0 to U+00FF in order. */
const LATIN_1 =
	'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';
const ENTITIES = new Map<string, string>([
	...LATIN_1.split(' ').map((name, i): [string, string] => [name, String.fromCharCode(0xa0 + i)]),
	...Object.entries({
		amp: '&',
		lt: '<',
		gt: '>',
		quot: '"',
		apos: "'",
		OElig: 'Œ',
		oelig: 'œ',
		Scaron: 'Š',
		scaron: 'š',
		Yuml: 'Ÿ',
		circ: 'ˆ',
		tilde: '˜',
		ensp: '\u2002',
		emsp: '\u2003',
		thinsp: '\u2009',
		zwnj: '\u200c',
		zwj: '\u200d',
		ndash: '–',
		mdash: '—',
		lsquo: '‘',
		rsquo: '’',
		sbquo: '‚',
		ldquo: '“',
		rdquo: '”',
		bdquo: '„',
		dagger: '†',
		Dagger: '‡',
		bull: '•',
		hellip: '…',
		permil: '‰',
		prime: '′',
		Prime: '″',
		lsaquo: '‹',
		rsaquo: '›',
		euro: '€',
		trade: '™',
		larr: '←',
		uarr: '↑',
		rarr: '→',
		darr: '↓',
		harr: '↔',
	}),
]);
/** What browsers show for the numeric references &#128; to &#159; (Windows-1252). */
const WINDOWS_1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function character(code: number): string {
	if (code >= 0x80 && code <= 0x9f) return WINDOWS_1252[code - 0x80];
	const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
	return valid ? String.fromCodePoint(code) : '\ufffd';
}

/** Character references decoded; a named one needs its ";", an unknown one stays as written. */
export function decodeEntities(text: string): string {
	return text.replace(
		/&(?:#[xX]([0-9a-fA-F]+);?|#(\d+);?|([a-zA-Z][a-zA-Z0-9]*);)/g,
		(reference, hex?: string, decimal?: string, name?: string) => {
			if (hex !== undefined) return character(parseInt(hex, 16));
			if (decimal !== undefined) return character(parseInt(decimal, 10));
			return ENTITIES.get(name!) ?? reference;
		},
	);
}

/** Characters that show nothing: soft hyphens, zero-width spaces, the padding of mail previews. */
const INVISIBLE = /[\u00ad\u200b\u200c\u2060\ufeff]|\u034f/g;
const SPACES = /[ \t\n\f\r\u00a0]+/g;

function attributesOf(source: string): Map<string, string> {
	const attributes = new Map<string, string>();
	for (const [, name, double, single, bare] of source.matchAll(ATTRIBUTE)) {
		const key = name.toLowerCase();
		if (!attributes.has(key)) attributes.set(key, decodeEntities(double ?? single ?? bare ?? ''));
	}
	return attributes;
}

/** What a reader needs of a link: web and mail addresses, not anchors, scripts or inline parts. */
function linkTarget(href: string | undefined): string {
	const url = (href ?? '').trim();
	if (/^mailto:/i.test(url)) {
		const address = url.slice(7).split('?')[0];
		try {
			return decodeURIComponent(address);
		} catch {
			return address;
		}
	}
	return /^(https?|ftp|tel):/i.test(url) ? url : '';
}

const sameTarget = (text: string, url: string) => {
	const bare = (value: string) =>
		value
			.toLowerCase()
			.replace(/^(https?:\/\/|tel:)/, '')
			.replace(/\/$/, '');
	return bare(text) === bare(url);
};

/** The plain text a reader sees of an HTML document or fragment. */
export function htmlToText(html: string): string {
	// Finished lines and the newlines between them, then the line being written. Long texts are
	// built from pieces, not by reading back one growing string (each read would copy it whole).
	const done: string[] = [];
	let line = '';
	let started = false;
	/** Whether the current line holds text yet; when not, `breaks` newlines are owed before it. */
	let lineHasText = false;
	let endsWithSpace = false;
	let breaks = 0;
	let marker = '';
	/** Whether " | " goes before the next text: a table cell follows another on its line. */
	let cellSeparator = false;
	let skipping: string | undefined;
	let pre = 0;
	let quotes = 0;
	let cells = 0;
	const lists: Array<{ ordered: boolean; next: number }> = [];
	const links: Array<{ url: string; text: string }> = [];

	const append = (text: string) => {
		if (text === '') return;
		line += text;
		for (const link of links) link.text += text;
		endsWithSpace = text.endsWith(' ');
	};
	const endLine = (newBreaks: number) => {
		if (lineHasText) {
			let end = line.length;
			while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
			done.push(line.slice(0, end));
			line = '';
		}
		breaks = newBreaks;
		lineHasText = false;
		cellSeparator = false;
	};
	const lineBreak = (count: 1 | 2) => {
		if (started) endLine(Math.max(breaks, count));
	};
	/** A <br> or a newline in <pre>: one more line, up to one blank line. */
	const newLine = () => {
		if (started) endLine(lineHasText ? 1 : Math.min(breaks + 1, 2));
	};
	const startLine = () => {
		if (started) done.push('\n'.repeat(Math.max(breaks, 1)));
		const indent = '  '.repeat(Math.max(0, lists.length - (marker ? 1 : 0)));
		line = '> '.repeat(quotes) + indent + marker;
		endsWithSpace = line.endsWith(' ');
		started = true;
		breaks = 0;
		marker = '';
		lineHasText = true;
	};
	const writePre = (text: string) => {
		text.split(/\r?\n/).forEach((part, i) => {
			if (i > 0) newLine();
			if (part === '') return;
			if (!lineHasText) startLine();
			append(part);
		});
	};
	const write = (text: string) => {
		if (pre > 0) return writePre(text);
		let words = text.replace(SPACES, ' ');
		if (words.trim() === '' && (!lineHasText || cellSeparator)) return;
		if (!lineHasText) {
			startLine();
			words = words.trimStart();
		} else if (cellSeparator) {
			append(endsWithSpace ? '| ' : ' | ');
			words = words.trimStart();
		} else if (words.startsWith(' ') && endsWithSpace) {
			words = words.slice(1);
		}
		cellSeparator = false;
		append(words);
	};

	const open = (name: string, attributes: string) => {
		if (SKIPPED.has(name)) {
			skipping = name;
			return;
		}
		if (PARAGRAPHS.has(name) || LINES.has(name)) lineBreak(PARAGRAPHS.has(name) ? 2 : 1);
		switch (name) {
			case 'br':
				newLine();
				break;
			case 'pre':
				pre++;
				break;
			case 'blockquote':
				quotes++;
				break;
			case 'ul':
			case 'ol': {
				lineBreak(lists.length > 0 ? 1 : 2);
				const start = Number.parseInt(attributesOf(attributes).get('start') ?? '', 10);
				lists.push({ ordered: name === 'ol', next: Number.isFinite(start) ? start : 1 });
				break;
			}
			case 'li': {
				const list = lists[lists.length - 1];
				marker = list?.ordered ? `${list.next++}. ` : '- ';
				break;
			}
			case 'tr':
				cells = 0;
				break;
			case 'td':
			case 'th':
				if (cells++ > 0 && lineHasText) cellSeparator = true;
				break;
			case 'a':
				links.push({ url: linkTarget(attributesOf(attributes).get('href')), text: '' });
				break;
			case 'img': {
				const alt = attributesOf(attributes).get('alt') ?? '';
				if (alt.trim()) write(` ${alt} `);
				break;
			}
		}
	};

	const close = (name: string) => {
		if (PARAGRAPHS.has(name) || LINES.has(name)) lineBreak(PARAGRAPHS.has(name) ? 2 : 1);
		switch (name) {
			case 'br':
				newLine();
				break;
			case 'pre':
				pre = Math.max(0, pre - 1);
				break;
			case 'blockquote':
				quotes = Math.max(0, quotes - 1);
				break;
			case 'ul':
			case 'ol':
				if (lists.pop()) lineBreak(lists.length > 0 ? 1 : 2);
				break;
			case 'li':
				marker = '';
				break;
			case 'a': {
				const link = links.pop();
				if (!link?.url) break;
				const text = link.text.replace(/\s+/g, ' ').trim();
				if (text === '') write(` ${link.url} `);
				else if (!sameTarget(text, link.url)) write(` (${link.url})`);
				break;
			}
		}
	};

	const tokens = new RegExp(TOKEN);
	for (let match = tokens.exec(html); match; match = tokens.exec(html)) {
		const [token, slash, tagName, attributes] = match;
		const name = tagName?.toLowerCase();
		if (name !== undefined && !slash && RAW_TEXT.has(name)) {
			const end = new RegExp(`</${name}(?=[\\s/>]|$)[^>]*(?:>|$)`, 'gi');
			end.lastIndex = tokens.lastIndex;
			tokens.lastIndex = end.exec(html) ? end.lastIndex : html.length;
		} else if (skipping !== undefined) {
			// A head left open ends where the body starts.
			const ends = slash ? name === skipping : skipping === 'head' && name === 'body';
			if (ends) skipping = undefined;
		} else if (name === undefined) {
			// Text, or a "<" that starts no tag; comments and declarations show nothing.
			if (!token.startsWith('<') || token === '<') {
				write(decodeEntities(token).replace(INVISIBLE, ''));
			}
		} else if (slash) {
			close(name);
		} else {
			open(name, attributes);
		}
	}
	if (lineHasText) done.push(line);
	return done
		.join('')
		.replace(/[ \t]+$/gm, '')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}
