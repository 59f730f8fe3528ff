import { decodeEntities, htmlToText } from '../../nodes/NeteaseEmail/shared/helpers/htmlToText';

describe('htmlToText: an HTML mail body as the text a reader sees', () => {
	test.each([
		['paragraphs stay apart', '<p>Hello <b>world</b>!</p><p>Second</p>', 'Hello world!\n\nSecond'],
		['line breaks are kept, blank lines at most one', 'a<br>b<br/><br><br><br>c', 'a\nb\n\nc'],
		['divs start lines', '<div>one</div><div>two</div>', 'one\ntwo'],
		['headings are paragraphs', '<h1>Title</h1>text', 'Title\n\ntext'],
		[
			'source whitespace collapses',
			'<p>\n   many\t\tspaces\n   and\r\nlines  </p>',
			'many spaces and lines',
		],
		['inline tags join words as written', 'un<b>bold</b>ed <i>it</i>', 'unbolded it'],
		['a plain string is left as it is', 'just text', 'just text'],
		['nothing gives nothing', '', ''],
	])('%s', (_case, html, text) => {
		expect(htmlToText(html)).toBe(text);
	});

	test.each([
		['the five XML entities', '&lt;b&gt; &amp; &quot;q&quot; &apos;s&apos;', '<b> & "q" \'s\''],
		['nbsp becomes a space and collapses', 'a&nbsp;&nbsp;&nbsp;b', 'a b'],
		[
			'Latin-1 and typographic names',
			'&copy; &eacute;t&eacute; &mdash; &hellip; &euro;5',
			'© été — … €5',
		],
		['decimal and hex references', '&#20320;&#x597D; &#x1F600;', '你好 😀'],
		['Windows-1252 numbers as browsers show them', '&#147;quoted&#148; &#150;', '“quoted” –'],
		['invalid numbers', '&#0; &#xD800; &#1114112;', '\ufffd \ufffd \ufffd'],
		['unknown names and bare ampersands stay', '&bogus; AT&T Q&A', '&bogus; AT&T Q&A'],
		['decoded text is not parsed again', '&amp;lt;p&amp;gt;', '&lt;p&gt;'],
		[
			'invisible padding of mail previews goes',
			'Hi&zwnj;&nbsp;&zwnj;\u200b\u034f there',
			'Hi there',
		],
	])('entities: %s', (_case, html, text) => {
		expect(htmlToText(html)).toBe(text);
	});

	test('decodeEntities decodes only, whitespace untouched', () => {
		expect(decodeEntities('a&nbsp; &lt;b')).toBe('a\u00a0 <b');
	});

	test.each([
		['bullets', '<ul><li>one</li><li>two</li></ul>', '- one\n- two'],
		['numbers, from start', '<ol start="3"><li>c</li><li>d</li></ol>', '3. c\n4. d'],
		[
			'nested lists indent per level',
			'<ul><li>fruit<ul><li>apple</li><li>pear<ol><li>ripe</li></ol></li></ul></li><li>veg</li></ul>',
			'- fruit\n  - apple\n  - pear\n    1. ripe\n- veg',
		],
		[
			'a list apart from the paragraphs around it',
			'<p>Agenda:</p><ul><li>a</li></ul><p>End</p>',
			'Agenda:\n\n- a\n\nEnd',
		],
		['an item outside any list', '<li>stray</li>', '- stray'],
	])('lists: %s', (_case, html, text) => {
		expect(htmlToText(html)).toBe(text);
	});

	test.each([
		[
			'a table row per line, cells separated',
			'<table><tr><th>Name</th><th>Qty</th></tr><tr><td>Apple</td><td>3</td></tr></table>after',
			'Name | Qty\nApple | 3\n\nafter',
		],
		['empty cells add no separator', '<table><tr><td></td><td>x</td><td> </td></tr></table>', 'x'],
		[
			'quotes as "> " lines',
			'<p>Yes.</p><blockquote><p>Can you?</p><p>Thanks</p></blockquote>',
			'Yes.\n\n> Can you?\n\n> Thanks',
		],
		['pre keeps its lines and spaces', 'x<pre>a  b\n    c</pre>y', 'x\n\na  b\n    c\n\ny'],
		['hr is a paragraph break', 'a<hr>b', 'a\n\nb'],
	])('structure: %s', (_case, html, text) => {
		expect(htmlToText(html)).toBe(text);
	});

	test.each([
		[
			'text (url), entities in the address decoded',
			'See <a href="https://example.com/a?x=1&amp;y=2">the report</a>.',
			'See the report (https://example.com/a?x=1&y=2).',
		],
		[
			'a link reading its own address once',
			'<a href="https://e.com/">https://e.com</a>',
			'https://e.com',
		],
		[
			'mailto as the address',
			'<a href="mailto:li.na@example.com?subject=Hi">Li Na</a>',
			'Li Na (li.na@example.com)',
		],
		[
			'mailto reading its address once',
			'<a href="mailto:li.na@example.com">li.na@example.com</a>',
			'li.na@example.com',
		],
		[
			'anchors and scripts are no address',
			'<a href="#top">Top</a> <a href="javascript:x()">Go</a>',
			'Top Go',
		],
		[
			'an image link reads its alt text',
			'<a href="https://e.com"><img src="l.png" alt="Logo"></a>',
			'Logo (https://e.com)',
		],
		[
			'an image link without alt reads its address',
			'<a href="https://e.com/u"><img src="x.gif"></a>',
			'https://e.com/u',
		],
		['images without alt show nothing', 'a<img src="t.gif" width="1">b', 'ab'],
	])('links and images: %s', (_case, html, text) => {
		expect(htmlToText(html)).toBe(text);
	});

	test.each([
		[
			'script, style, head and title dropped',
			'<html><head><title>T</title><style>p{color:red}</style></head><body><script>if (a<b) alert("<p>x</p>")</script><p>Body</p></body></html>',
			'Body',
		],
		[
			'comments and declarations dropped',
			'<!DOCTYPE html><!-- c --><p>a<!--[if mso]>b<![endif]--></p>',
			'a',
		],
		[
			'an unclosed head ends at the body',
			'<head><meta charset="utf-8"><body><p>shown</p>',
			'shown',
		],
		['an unclosed script hides the rest', 'a<script>var x = 1; <p>b', 'a'],
		['a script ends at its own closing tag only', 'a<script>x</scripts>y</script >b', 'ab'],
		['a script in the head', '<head><script>if (a<b) x("</head>")</script></head>shown', 'shown'],
		['style attributes are no text', '<p style="font: 12px/1.5 Arial; color: #333">x</p>', 'x'],
	])('dropped: %s', (_case, html, text) => {
		expect(htmlToText(html)).toBe(text);
	});

	test.each([
		['unclosed tags', '<div>a<p>b <b>bold', 'a\n\nb bold'],
		['stray < and > are text', '1 < 2 and 3 > 2, a <= b', '1 < 2 and 3 > 2, a <= b'],
		['closing tags with no opening', 'a</p>b</span></ul>c', 'a\n\nbc'],
		[
			'> inside a quoted attribute',
			'<a title="a > b" href="https://e.com">x</a>',
			'x (https://e.com)',
		],
		['an unterminated tag at the end', 'text<a href="https://e.com', 'text'],
		[
			'upper-case tags and attributes',
			'<P>A<BR>B</P><A HREF="https://e.com">C</A>',
			'A\nB\n\nC (https://e.com)',
		],
		['</br> as browsers read it', 'a</br>b', 'a\nb'],
		['a bad %-escape in mailto', '<a href="mailto:a%zz@e.com">mail</a>', 'mail (a%zz@e.com)'],
	])('malformed HTML: %s', (_case, html, text) => {
		expect(htmlToText(html)).toBe(text);
	});

	test.each([
		[
			'paragraphs of Chinese text',
			'<p>张伟，您好：</p><p>请查收附件中的&ldquo;合同（盖章版）&rdquo;。</p><p>此致<br>敬礼</p>',
			'张伟，您好：\n\n请查收附件中的“合同（盖章版）”。\n\n此致\n敬礼',
		],
		[
			'a Chinese link and list',
			'<p>详情见<a href="https://example.cn/通知">通知</a></p><ol><li>报名</li><li>缴费</li></ol>',
			'详情见通知 (https://example.cn/通知)\n\n1. 报名\n2. 缴费',
		],
		['full-width spaces are kept as written', '<p>第一段　全角空格</p>', '第一段　全角空格'],
		[
			'a typical HTML-only notice',
			'<div style="font-family:微软雅黑"><div>各位同事：</div><div><br></div><div>本周五 18:00 停机维护&nbsp;2&nbsp;小时。</div><div><br></div><div>IT 部</div></div>',
			'各位同事：\n\n本周五 18:00 停机维护 2 小时。\n\nIT 部',
		],
	])('Chinese text: %s', (_case, html, text) => {
		expect(htmlToText(html)).toBe(text);
	});

	test('a 1 MB body converts within 2 seconds: the text is never read back while it grows', () => {
		const row =
			'<tr><td><p style="x">段落 &amp; text <a href="https://e.com/?a=1&amp;b=2">link</a></p></td><td>cell</td></tr>';
		const html = `<table>${row.repeat(10_000)}</table>`;
		const started = Date.now();
		const text = htmlToText(html);
		expect(Date.now() - started).toBeLessThan(2_000);
		expect(text.split('\n')).toHaveLength(10_000 * 4 - 1);
		expect(text.startsWith('段落 & text link (https://e.com/?a=1&b=2)\n\ncell\n\n段落')).toBe(true);
	});
});
