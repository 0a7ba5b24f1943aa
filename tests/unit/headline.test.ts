import { describe, expect, it } from 'vitest';
import { headlineLabel, headlineSentence, practiceHeadline } from '../../src/lib/headline.ts';
import type { PortUse } from '../../src/lib/software/practice.ts';
import type { Evidence } from '../../src/schemas/evidence.ts';

/** A use of port 6443 as usesByPort would list it. */
function use(
  slug: string,
  name: string,
  role: string,
  opts: { basis?: 'default' | 'convention' | 'client'; primary?: boolean; start?: number; end?: number; imitation?: 'honeypot' | 'emulator' } = {},
): PortUse {
  return {
    slug,
    name,
    primary: opts.primary ?? true,
    ...(opts.imitation && { imitation: opts.imitation }),
    use: {
      port: { start: opts.start ?? 6443, end: opts.end ?? 6443 },
      protocols: ['tcp'],
      role,
      basis: opts.basis ?? 'default',
      source: { url: 'https://example.org/', title: 't', quote: 'q' },
    },
  };
}

const kube = [
  use('k0s', 'k0s', 'kube-apiserver'),
  use('k3s', 'K3s', 'K3s supervisor and Kubernetes API server'),
  use('kubernetes', 'Kubernetes', 'Kubernetes API server (kube-apiserver)'),
  use('rke2', 'RKE2', 'Kubernetes API'),
];
const firewalld: Evidence = { source: 'firewalld', protocol: 'tcp', service: 'kube-apiserver', short: 'Kubernetes Api Server', range: null };
const never = () => false;
const iana = (serviceName: string, description: string) => ({ kind: 'assigned' as const, serviceName, description });

describe('practiceHeadline', () => {
  it('leads 6443 with the product most sources name, not the first in alphabetical order', () => {
    const headline = practiceHeadline(kube, [firewalld], never)!;
    expect(headline.lead.name).toBe('Kubernetes');
    expect(headline.label).toBe('Kubernetes API server');
    expect(headline.others).toEqual(['k0s', 'K3s', 'RKE2']);
    expect(headlineSentence(6443, headline)).toBe(
      'In practice, Kubernetes uses port 6443 by default for its Kubernetes API server (kube-apiserver); k0s, K3s and RKE2 use it too.',
    );
  });

  it('gives none when a product is the registered service, or when only wide ranges cover the port', () => {
    expect(practiceHeadline(kube, [], (u) => u.slug === 'k3s')).toBeNull();
    expect(practiceHeadline([use('pool', 'Pool', 'media relay', { end: 7000 })], [], never)).toBeNull();
    expect(practiceHeadline([], [firewalld], never)).toBeNull();
  });

  it('gives none when the evidence shows the registered service in use (6000: X11)', () => {
    const neo4j = [use('neo4j', 'Neo4j', 'cluster internal traffic')];
    const x11: Evidence = { source: 'debian', protocol: 'tcp', serviceName: 'x11', aliases: ['x11-0'], comment: 'X Window System' };
    expect(practiceHeadline(neo4j, [x11], never, [iana('x11', 'X Window System')])).toBeNull();
    expect(practiceHeadline(neo4j, [x11], never, [iana('something-else', 'Something else')])!.lead.name).toBe('Neo4j');
  });

  it('keeps IANA\'s name where a dissector is the registered protocol by description (H.225 on 1719 for h323gatestat)', () => {
    // content/wireshark: udp.port 1719 h225; protocols.tsv "H323-MESSAGES  H.225.0  h225". KDE Connect's range covers 1719.
    const h225: Evidence = { source: 'wireshark', protocol: 'udp', filter: 'h225', name: 'H323-MESSAGES', file: null };
    const kde = [use('kdeconnect', 'KDE Connect', 'device link connections', { start: 1716, end: 1764 })];
    expect(practiceHeadline(kde, [h225], never, [iana('h323gatestat', 'H.323 Unicast Gatekeeper Signaling')])).toBeNull();
  });

  it('never leads with a range over an IANA assignment or a single-port use (8006: Proxmox VE, not esbuild\'s 8000-8009)', () => {
    const esbuild = use('esbuild', 'esbuild', 'serve mode (first free port from 8000 to 8009)', { start: 8000, end: 8009 });
    const proxmox = use('proxmox-ve', 'Proxmox VE', 'web interface and REST API (pveproxy)', { start: 8006, end: 8006 });
    const headline = practiceHeadline([esbuild, proxmox], [], never, [iana('wpl-analytics', 'World Programming analytics')])!;
    expect(headline.lead.name).toBe('Proxmox VE');
    expect(headline.others).toEqual(['esbuild']);
    // A range alone over an assignment: IANA's name (KDE Connect's 1716-1764 on 1720, h323hostcall).
    expect(practiceHeadline([use('kdeconnect', 'KDE Connect', 'device link connections', { start: 1716, end: 1764 })], [], never, [iana('h323hostcall', 'H.323 Call Control Signalling')])).toBeNull();
    // A range on an unassigned port with no single-port use may lead.
    expect(practiceHeadline([esbuild], [], never, [])!.lead.name).toBe('esbuild');
  });

  it('never leads with a client\'s range (49154: the ports pywemo probes for a Wemo device), but may with a client\'s single port', () => {
    // content/software/belkin-wemo.yaml: 49151-49159, basis client (pywemo's PROBE_PORTS).
    const wemo = use('belkin-wemo', 'Belkin Wemo', 'UPnP device description and control', { basis: 'client', start: 49151, end: 49159 });
    expect(practiceHeadline([wemo], [], never, [])).toBeNull();
    const single = use('x', 'Xdevice', 'control API', { basis: 'client', start: 49154, end: 49154 });
    // Nor is it named among the products that "use it too": like a honeypot, it is listed with the uses only.
    expect(practiceHeadline([wemo, single], [], never, [])!).toMatchObject({ label: 'Xdevice control API', others: [] });
  });

  it('puts a single-port default before a convention whatever the score', () => {
    const cited = use('b', 'Beta', 'server', { basis: 'convention' });
    const fans = [use('a', 'Alpha', 'server'), cited, use('c', 'Gamma', 'Beta proxy', { basis: 'convention' }), use('d', 'Delta', 'Beta relay', { basis: 'convention' })];
    expect(practiceHeadline(fans, [], never)!.lead.name).toBe('Alpha');
  });

  it('never leads with a honeypot or an emulator (2121: Conpot\'s FTP emulation)', () => {
    const conpot = use('conpot', 'Conpot', 'FTP emulation (default template)', { start: 2121, end: 2121, imitation: 'honeypot' });
    expect(practiceHeadline([conpot], [], never, [iana('scientia-ssdb', 'SCIENTIA-SSDB')])).toBeNull();
    const real = use('real', 'Real FTP', 'FTP server', { start: 2121, end: 2121 });
    expect(practiceHeadline([conpot, real], [], never)!).toMatchObject({ label: 'Real FTP FTP server', others: [] });
  });

  it('never leads with a catalogue of protocol ports (5003: Traccar\'s gl100 protocol), which usesByPort marks', () => {
    const traccar = use('traccar', 'Traccar', 'gl100 protocol for tracking devices', { start: 5003, end: 5003 });
    const catalogue: PortUse = { ...traccar, catalogue: true };
    expect(practiceHeadline([traccar], [], never, [iana('fmpro-internal', 'FileMaker, Inc. - Proprietary transport')])!.lead.name).toBe('Traccar');
    expect(practiceHeadline([catalogue], [], never, [iana('fmpro-internal', 'FileMaker, Inc. - Proprietary transport')])).toBeNull();
  });

  it('does not count a lower-case tool name that is also a word ("serve" in "docusaurus serve")', () => {
    const crowd = [use('serve', 'serve', 'static file server'), use('docusaurus', 'Docusaurus', 'local preview (docusaurus serve)'), use('grafana', 'Grafana', 'web UI')];
    const grafana: Evidence = { source: 'firewalld', protocol: 'tcp', service: 'grafana', short: 'grafana', range: null };
    expect(practiceHeadline(crowd, [grafana], never)!.lead.name).toBe('Grafana');
  });

  it('gives none when three or more products tie for the top', () => {
    const crowd = [use('a', 'Alpha', 'web UI'), use('b', 'Beta', 'web UI'), use('c', 'Gamma', 'web UI')];
    expect(practiceHeadline(crowd, [], never)).toBeNull();
    // One source more decides it.
    const wireshark: Evidence = { source: 'wireshark', protocol: 'tcp', filter: 'gamma', name: 'Gamma Protocol', file: null };
    expect(practiceHeadline(crowd, [wireshark], never)!.lead.name).toBe('Gamma');
  });

  it('breaks a tie between two by default over convention, then the main port, but never by the name alone', () => {
    expect(practiceHeadline([use('b', 'Beta', 'server'), use('a', 'Alpha', 'server', { basis: 'convention' })], [], never)!.lead.name).toBe('Beta');
    expect(practiceHeadline([use('b', 'Beta', 'server'), use('a', 'Alpha', 'server', { primary: false })], [], never)!.lead.name).toBe('Beta');
    // 10001: KubeEdge's and Ray's default ports, nothing else between them: no headline.
    expect(practiceHeadline([use('b', 'Beta', 'server'), use('a', 'Alpha', 'server')], [], never)).toBeNull();
  });
});

describe('headlineLabel', () => {
  it('reads as a headline', () => {
    expect(headlineLabel(use('grafana', 'Grafana', 'web UI and HTTP API'))).toBe('Grafana web UI and HTTP API');
    expect(headlineLabel(use('oracle-database', 'Oracle Database', 'Oracle Net Listener (client connections)'))).toBe('Oracle Net Listener');
    expect(headlineLabel(use('x', 'MikroTik RouterOS', 'winbox service for the Winbox tool, the mobile app and Dude probes'))).toBe('MikroTik RouterOS');
  });
});
