/**
 * Per-OS commands that show what is listening on a port. Pure.
 *
 * Every command matches the port exactly (a filter on the port field, never a text
 * search such as `grep :22`, which also matches :2222) and each OS gets a TCP and a UDP
 * command: most registrations cover both, and a listener need not match its registration.
 *
 * Sources:
 * - ss(8), iproute2: -l listening, -t TCP, -u UDP, -n numeric, -p process;
 *   filter `sport = :N` (https://man7.org/linux/man-pages/man8/ss.8.html)
 * - lsof(8): -n no host names, -P numeric ports, -iTCP:N / -iUDP:N select by protocol
 *   and port, -sTCP:LISTEN TCP state filter (https://lsof.readthedocs.io/, macOS man lsof).
 *   -iUDP:N selects a socket whose local *or remote* port is N (a resolver's client socket
 *   talking to port 53), and UDP has no LISTEN state to filter on, so awk keeps the lines whose
 *   NAME column starts with the local address ending in :N ("*:53", "127.0.0.1:53->…")
 * - Microsoft Learn, NetTCPIP module: Get-NetTCPConnection -LocalPort -State Listen,
 *   Get-NetUDPEndpoint -LocalPort; Get-Process -Id for the owning process's name
 * - nmap(1): -p port list, -sV version detection, -sU UDP scan, U: UDP port prefix
 *   (https://nmap.org/book/man-port-specification.html)
 */

export const OPERATING_SYSTEMS = ['linux', 'macos', 'windows', 'nmap'] as const;
export type CommandOs = (typeof OPERATING_SYSTEMS)[number];

export interface Snippet {
  /** What the command answers, e.g. "TCP listeners". */
  label: string;
  /** Exactly what to paste. */
  command: string;
}

export interface CommandBlock {
  /** Stable anchor id: #linux, #macos, #windows, #nmap. */
  os: CommandOs;
  /** Tab and heading text. */
  title: string;
  /** Which shell runs the commands, for the reader and for syntax hints. */
  shell: 'sh' | 'powershell';
  snippets: Snippet[];
  /** One sentence on reading the output. */
  hint: string;
}

/** The host nmap scans in the snippets; the hint tells the reader to replace it. */
export const NMAP_TARGET = 'localhost';

/** PowerShell: a calculated property that names the owning process (Get-Process -Id). */
const PROCESS_NAME = "@{Name='ProcessName'; Expression={(Get-Process -Id $_.OwningProcess).ProcessName}}";

/**
 * macOS UDP sockets bound to the port: lsof's NAME column (the last) is the local address, then
 * "->" and the remote one for a connected socket, so the local port is N when the text before
 * any "-" ends in ":N". The header line is printed with the first match only.
 */
export const macosUdp = (port: number): string =>
  `sudo lsof -nP -iUDP:${port} | awk 'NR == 1 { head = $0; next } $NF ~ /^[^-]*:${port}(->|$)/ { if (head) print head; head = ""; print }'`;

/**
 * @param port 0-65535
 * @returns one block per OS in OPERATING_SYSTEMS order, each with a TCP and a UDP snippet
 * @throws RangeError when port is not an integer in 0-65535
 */
export function listeningCommands(port: number): CommandBlock[] {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer 0-65535, got ${port}`);
  }
  return [
    {
      os: 'linux',
      title: 'Linux',
      shell: 'sh',
      snippets: [
        { label: 'TCP listeners', command: `sudo ss -ltnp 'sport = :${port}'` },
        { label: 'UDP sockets', command: `sudo ss -lunp 'sport = :${port}'` },
      ],
      hint: 'The users:(("name",pid=…)) column names the process; sudo is needed to see processes of other users.',
    },
    {
      os: 'macos',
      title: 'macOS',
      shell: 'sh',
      snippets: [
        { label: 'TCP listeners', command: `sudo lsof -nP -iTCP:${port} -sTCP:LISTEN` },
        { label: 'UDP sockets', command: macosUdp(port) },
      ],
      hint: `COMMAND and PID name the process; no output means nothing has the port open. For UDP, awk keeps only sockets whose own port is ${port}: lsof -iUDP:${port} also lists programs talking to port ${port} elsewhere.`,
    },
    {
      os: 'windows',
      title: 'Windows',
      shell: 'powershell',
      snippets: [
        {
          label: 'TCP listeners',
          command: `Get-NetTCPConnection -LocalPort ${port} -State Listen -ErrorAction SilentlyContinue | Select-Object LocalAddress, LocalPort, OwningProcess, ${PROCESS_NAME}`,
        },
        {
          label: 'UDP endpoints',
          command: `Get-NetUDPEndpoint -LocalPort ${port} -ErrorAction SilentlyContinue | Select-Object LocalAddress, LocalPort, OwningProcess, ${PROCESS_NAME}`,
        },
      ],
      hint: 'Run in PowerShell; ProcessName and OwningProcess (the PID) name the program. No output means nothing is bound.',
    },
    {
      os: 'nmap',
      title: 'nmap',
      shell: 'sh',
      snippets: [
        { label: 'TCP, with service detection', command: `nmap -p ${port} -sV ${NMAP_TARGET}` },
        { label: 'UDP (needs root)', command: `sudo nmap -sU -p U:${port} ${NMAP_TARGET}` },
      ],
      hint: `Replace ${NMAP_TARGET} with the host to check. nmap sees the port from the network: it tells what answers, not which process.`,
    },
  ];
}
