/**
 * The transport protocols of the IANA registry's "Transport Protocol" column. Kept free of
 * zod so the browser script can use it; src/schemas/port-record.ts builds its enum from it.
 */
export const TRANSPORT_PROTOCOLS = ['tcp', 'udp', 'sctp', 'dccp'] as const;
export type TransportProtocol = (typeof TRANSPORT_PROTOCOLS)[number];
