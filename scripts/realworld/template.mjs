// Hurl's `{{name}}` placeholders. In text (URL, headers, quoted values) a variable renders as
// Hurl renders it: a string as itself, a number, boolean or null as its JSON text; a list or an
// object has no text form and is an error. In a JSON body a placeholder inside a string is
// escaped as string content; outside one its text goes in as is.
const TEMPLATE = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g;
const PLACEHOLDER = /^\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/;

export class TemplateError extends Error {}

/** A variable's text as Hurl renders it. */
export function toText(value, name = "value") {
  if (typeof value === "string") return value;
  if (value === null || ["number", "boolean"].includes(typeof value)) return JSON.stringify(value);
  throw new TemplateError(`{{${name}}} is a ${Array.isArray(value) ? "list" : "object"}: no text`);
}

/** `text` with each `{{name}}` replaced by `toText(resolve(name))`. */
export function renderTemplate(text, resolve) {
  return text.replace(TEMPLATE, (_, name) => toText(resolve(name), name));
}

/** A JSON body with its placeholders rendered (see the file's comment). */
export function renderJsonBody(source, resolve) {
  let out = "";
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "{" && source[i + 1] === "{") {
      const match = PLACEHOLDER.exec(source.slice(i));
      if (!match) throw new TemplateError(`malformed {{…}} at: ${source.slice(i, i + 20)}`);
      const text = toText(resolve(match[1]), match[1]);
      out += inString ? JSON.stringify(text).slice(1, -1) : text;
      i += match[0].length - 1;
    } else if (inString && c === "\\") {
      out += c + (source[++i] ?? "");
    } else {
      if (c === '"') inString = !inString;
      out += c;
    }
  }
  return out;
}

/** A resolver over `variables` that refuses a name never set (Hurl fails the same way). */
export const lookupIn = (variables) => (name) => {
  if (!Object.hasOwn(variables, name)) throw new TemplateError(`undefined variable {{${name}}}`);
  return variables[name];
};
