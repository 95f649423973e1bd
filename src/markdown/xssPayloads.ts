// The classic cross-site-scripting payloads (after OWASP's filter-evasion cheat sheet), as a
// writer could type them into a post or a comment. The Markdown tests (component and browser)
// render each and require that nothing runs and no handler or script URL reaches the DOM. Each
// payload that could run sets `window.__xss`.
export const XSS_PAYLOADS: readonly string[] = [
  "<script>window.__xss=1</script>",
  "<img src=x onerror=window.__xss=1>",
  '<img src="javascript:window.__xss=1">',
  "<svg onload=window.__xss=1>",
  "<svg><script>window.__xss=1</script></svg>",
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<body onload="window.__xss=1">',
  '<a href="javascript:window.__xss=1">click</a>',
  '<div style="background:url(javascript:window.__xss=1)">x</div>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
  '<details open ontoggle="window.__xss=1">',
  '<input autofocus onfocus="window.__xss=1">',
  '<object data="javascript:window.__xss=1"></object>',
  '<embed src="javascript:window.__xss=1">',
  '<form action="javascript:window.__xss=1"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  '<link rel="stylesheet" href="javascript:window.__xss=1">',
  "[click](javascript:window.__xss=1)",
  "[click](JaVaScRiPt:window.__xss=1)",
  "[click](&#106;avascript:window.__xss=1)",
  "[click](javascript&#58;window.__xss=1)",
  "[click](vbscript:window.__xss=1)",
  "[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
  "![x](javascript:window.__xss=1)",
  '![x" onerror="window.__xss=1](https://example.com/a.png)',
  '[x](https://example.com/" onmouseover="window.__xss=1)',
  "<javascript:window.__xss=1>",
  "`<script>window.__xss=1</script>`",
  "```html\n<script>window.__xss=1</script>\n```",
  "<<script>script>window.__xss=1<</script>/script>",
  "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
  "<IMG SRC=`javascript:window.__xss=1`>",
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;window.__xss=1">x</a>',
  '<video><source onerror="window.__xss=1"></video>',
  '<marquee onstart="window.__xss=1">',
  '<base href="javascript:window.__xss=1//">',
];

/** What a rendered payload must never leave in the DOM (a list of findings; empty = safe). */
export function unsafeMarkup(root: Element): string[] {
  const found: string[] = [];
  for (const element of root.querySelectorAll("*")) {
    const tag = element.tagName.toLowerCase();
    if (
      [
        "script",
        "iframe",
        "object",
        "embed",
        "form",
        "meta",
        "link",
        "base",
        "style",
        "svg",
        "math",
      ].includes(tag)
    ) {
      found.push(`<${tag}> element`);
    }
    for (const { name, value } of element.attributes) {
      if (name.toLowerCase().startsWith("on")) found.push(`${name} handler on <${tag}>`);
      if (name === "style") found.push(`style attribute on <${tag}>`);
      if (["href", "src", "action", "data", "formaction"].includes(name)) {
        // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
        // eslint-disable-next-line no-control-regex
        const url = value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
        if (/^(javascript|vbscript|data):/.test(url)) found.push(`${name}="${value}" on <${tag}>`);
      }
    }
  }
  return found;
}
