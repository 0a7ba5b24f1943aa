/**
 * The free-port finder's browser side (/tools/free-port/): reads the reader's range and rules,
 * answers from data.json with src/lib/free-port.ts, and checks one port against every rule.
 * Results are built with DOM calls and textContent only.
 */
import { claimsOn, findFreePorts, parseRange, RULE_LABELS, RULES, type FreePortData, type Rule } from '../lib/free-port.ts';
import { portPath } from '../lib/paths.ts';

const MAX_LISTED = 500;
const form = document.querySelector<HTMLFormElement>('[data-free-port]');

function link(port: number): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = portPath(port);
  a.textContent = String(port);
  return a;
}

function cell(...content: (Node | string)[]): HTMLTableCellElement {
  const td = document.createElement('td');
  td.append(...content);
  return td;
}

async function start(form: HTMLFormElement): Promise<void> {
  const data = (await (await fetch('/tools/free-port/data.json')).json()) as FreePortData;
  const results = document.querySelector<HTMLElement>('[data-free-port-results]')!;
  const heading = results.querySelector('h2')!;
  const count = results.querySelector<HTMLElement>('[data-free-port-count]')!;
  const runsBody = results.querySelector<HTMLElement>('[data-free-port-runs] tbody')!;
  const list = results.querySelector<HTMLElement>('[data-free-port-list]')!;
  const check = document.querySelector<HTMLElement>('[data-free-port-check]')!;
  const rangeInput = form.querySelector<HTMLInputElement>('#fp-range')!;
  const portInput = form.querySelector<HTMLInputElement>('#fp-port')!;

  const answer = () => {
    const rules = new Set(RULES.filter((rule) => form.querySelector<HTMLInputElement>(`input[value="${rule}"]`)?.checked)) as Set<Rule>;
    const range = parseRange(rangeInput.value);
    rangeInput.setCustomValidity(range ? '' : 'Enter a port or a range such as 1024-49151 (0-65535, ascending).');
    if (!range) return rangeInput.reportValidity();
    const { ports, runs } = findFreePorts(data, range, rules);
    heading.textContent = `Free ports in ${range.start}–${range.end}`;
    count.textContent = `${ports.length.toLocaleString('en')} of ${(range.end - range.start + 1).toLocaleString('en')} ports are free under the chosen rules.`;
    runsBody.replaceChildren(
      ...runs.slice(0, 10).map((run) => {
        const row = document.createElement('tr');
        row.append(cell(link(run.start)), cell(link(run.end)), cell(String(run.end - run.start + 1)));
        return row;
      }),
    );
    list.textContent = ports.length === 0 ? 'None.' : `${ports.slice(0, MAX_LISTED).join(', ')}${ports.length > MAX_LISTED ? ', …' : ''}`;

    const port = portInput.value.trim() === '' ? null : parseRange(portInput.value);
    check.hidden = port === null;
    if (port === null) return;
    const claims = claimsOn(data, port.start, rules);
    const title = document.createElement('h2');
    title.append('Port ', link(port.start), claims.length === 0 ? ': free under the chosen rules' : ': not free');
    const items = claims.map((claim) => {
      const li = document.createElement('li');
      li.textContent = claim.products ? `${RULE_LABELS[claim.rule]}: ${claim.products.join(', ')}` : RULE_LABELS[claim.rule];
      return li;
    });
    const reasons = document.createElement('ul');
    reasons.append(...items);
    check.replaceChildren(title, ...(items.length ? [reasons] : []));
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    answer();
  });
  form.hidden = false;
}

if (form) void start(form);
