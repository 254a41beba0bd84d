/**
 * The co-browse frames of a live connection (server/live/socket.ts): what a customer's and an
 * agent's `cobrowse.*` frames do through the hub's co-browse relay (server/live/cobrowse.ts).
 */
import type { ClientFrame } from '../../src/protocol/live.js';
import { ApiError } from '../errors.js';
import type { Peer } from './connections.js';
import type { Actor, LiveHub } from './hub.js';

/** A connection that may follow sessions (a subscribed agent sees their co-browse). */
export type FollowingPeer = Peer & { follows(sessionId: string): boolean };

/** An agent's session for co-browse: of the tenant, followed by this connection (or theirs). */
async function cobrowseSession(hub: LiveHub, connection: FollowingPeer, actor: Extract<Actor, { role: 'agent' }>, sessionId: string) {
  const session = await hub.sessionFor(actor, sessionId);
  if (!connection.follows(sessionId) && session.agent?.id !== actor.agent.id) {
    throw new ApiError(403, 'forbidden', 'subscribe to the session before co-browsing it');
  }
  return session;
}

/** Acts on a `cobrowse.*` frame of a connection: the customer's consents, events and ends; the agent's requests, inputs and ends. */
export async function cobrowseFrame(hub: LiveHub, connection: FollowingPeer, actor: Actor, frame: Extract<ClientFrame, { type: `cobrowse.${string}` }>): Promise<void> {
  const relay = hub.cobrowse;
  if (actor.role === 'customer') {
    switch (frame.type) {
      case 'cobrowse.consent':
        return relay.consent(actor.tenantId, actor.sessionId, frame.id, frame.accept, connection);
      case 'cobrowse.events':
        return relay.events(actor.tenantId, actor.sessionId, connection, frame);
      case 'cobrowse.control-consent':
        return relay.controlConsent(actor.tenantId, actor.sessionId, frame.id, frame.accept, connection);
      case 'cobrowse.end':
      case 'cobrowse.control-end':
        if (frame.sessionId !== undefined && frame.sessionId !== actor.sessionId) {
          throw new ApiError(403, 'forbidden', 'this token is for another session');
        }
        if (frame.type === 'cobrowse.control-end') await relay.controlEnd(actor.tenantId, actor.sessionId, frame.id);
        else await relay.end(actor.tenantId, actor.sessionId, frame.reason ?? 'customer', frame.id);
        return;
    }
    return;
  }
  if (frame.type === 'cobrowse.consent' || frame.type === 'cobrowse.events' || frame.type === 'cobrowse.control-consent') return;
  if (frame.sessionId === undefined) throw new ApiError(400, 'frame_invalid', 'agents name the session: sessionId is required');
  // The laser sends up to 20 inputs a second: for an agent who follows (or owns) the session's
  // active co-browse the relay's state answers, without reading the session from the store.
  if (frame.type === 'cobrowse.input' && (await relay.reaches(actor.tenantId, frame.sessionId, actor.agent.id, connection.follows(frame.sessionId)))) {
    return relay.input(actor.tenantId, frame.sessionId, actor.agent, frame.input);
  }
  const session = await cobrowseSession(hub, connection, actor, frame.sessionId);
  switch (frame.type) {
    case 'cobrowse.request': {
      if (session.state === 'ended') throw new ApiError(409, 'session_ended', 'the session has ended');
      if (session.state !== 'active') throw new ApiError(409, 'cobrowse_not_active', 'co-browse needs a session an agent has accepted');
      const recording = (await hub.store.getCobrowseSettings(actor.tenantId))?.recording ?? false;
      await relay.request(actor.tenantId, session.id, actor.agent, session.agent?.id ?? null, recording);
      return;
    }
    case 'cobrowse.snapshot-request':
      return relay.snapshotRequest(actor.tenantId, session.id);
    case 'cobrowse.control-request':
      await relay.controlRequest(actor.tenantId, session.id);
      return;
    case 'cobrowse.control-end':
      await relay.controlEnd(actor.tenantId, session.id, frame.id);
      return;
    case 'cobrowse.input':
      return relay.input(actor.tenantId, session.id, actor.agent, frame.input);
    case 'cobrowse.end':
      await relay.end(actor.tenantId, session.id, 'agent', frame.id);
      return;
  }
}
