/**
 * V8 settings of a Nexus Cloud process, applied before the rest of the server is loaded: the
 * command line (`server/cli.ts`) imports this module first, so its flags are set before any of
 * the server's code is compiled or run.
 *
 * Allocation-site pretenuring is turned off. With it, V8 watches which object literals survive a
 * young-generation collection and starts allocating the objects of such a site directly in the
 * old generation. On the co-browse relay (thousands of small frames a second, each living for
 * a few milliseconds) some of the relay's per-frame objects get pretenured in the first seconds
 * of traffic: from then on they, and the buffers they point to, can only be reclaimed by a full
 * mark-compact, which the process then runs every half second or so. Without pretenuring those
 * objects die young, as they should, and the relay uses about a quarter less CPU per frame; the
 * chat benchmark's latency is the same either way (docs/benchmarks.md, "Co-browse relay
 * throughput"). It is a tuning flag of V8's: it changes no behaviour, only where objects are
 * allocated.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-allocation-site-pretenuring');
