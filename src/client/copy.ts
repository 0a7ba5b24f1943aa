/**
 * Copying for the reader, shared by the site's script (src/client/site.ts: commands, section
 * links, the ticket line) and the triage tool's (src/client/triage.ts: tables and permalink):
 * the clipboard with a fallback, a button that says it copied, and the page's public URL.
 */

/** Puts `text` on the clipboard. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API needs a secure context; plain http on a LAN host falls back to execCommand.
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

/** A polite live region that tells screen-reader users what was copied. */
export function announce(message: string): void {
  let region = document.getElementById('copy-status');
  if (!region) {
    region = document.createElement('p');
    region.id = 'copy-status';
    region.className = 'visually-hidden';
    region.setAttribute('aria-live', 'polite');
    document.body.append(region);
  }
  region.textContent = message;
}

/** A button that copies `text()` and says so on itself and to screen readers. */
export function copyButton(label: string, ariaLabel: string, text: () => string, done: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy';
  button.textContent = label;
  button.setAttribute('aria-label', ariaLabel);
  button.addEventListener('click', async () => {
    await copyText(text());
    button.textContent = 'Copied';
    announce(done);
    setTimeout(() => (button.textContent = label), 1500);
  });
  return button;
}

/** This page's public URL (the canonical link when the site has one), with `#id` when given. */
export function pageUrl(id = ''): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel=canonical]')?.href;
  const base = canonical ?? `${window.location.origin}${window.location.pathname}`;
  return id ? `${base}#${id}` : base;
}
