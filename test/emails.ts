// Reads the emails a server under test sent: in development Wasp's Dummy sender prints each one
// to stdout (From, To, Subject, then the text), which is where a test finds the links in them.
export type SentEmail = { to: string; subject: string; text: string };

const ANSI = new RegExp(String.raw`\u001b\[[0-9;]*m`, "g");

export function emailsTo(output: string, address: string): SentEmail[] {
  return output
    .replace(ANSI, "")
    .split("║ Dummy email sender")
    .slice(1)
    .map((block) => ({
      to: /^To:\s+(.*)$/m.exec(block)?.[1]?.trim() ?? "",
      subject: /^Subject:\s+(.*)$/m.exec(block)?.[1]?.trim() ?? "",
      text: /═+ Text ═+\n([\s\S]*?)\n═+ HTML/.exec(block)?.[1] ?? "",
    }))
    .filter((email) => email.to === address);
}

/** The `token` of the last link of the given kind (verification or reset) sent to `address`. */
export function lastLinkToken(output: string, address: string, page: string): string | null {
  const emails = emailsTo(output, address);
  for (const email of emails.reverse()) {
    const match = new RegExp(`${page}\\?token=([\\w.-]+)`).exec(email.text);
    if (match) return match[1]!;
  }
  return null;
}
