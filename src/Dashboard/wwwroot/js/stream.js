import { headers } from './api.js';

// Reads an instance's server-sent events with fetch, because EventSource cannot send an Authorization header.
// Calls onEvent(type, data, id) for each event; reconnects from the last id until the stream says "end" or is stopped.
export function watch(path, onEvent, onState) {
  const controller = new AbortController();
  let lastId = null;
  let ended = false;

  async function readOnce() {
    const response = await fetch(path + (lastId ? `?cursor=${encodeURIComponent(lastId)}` : ''), {
      headers: headers(undefined, { Accept: 'text/event-stream' }),
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
    onState('live');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, '\n');
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = { type: 'message', data: '', id: null };
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event.type = text;
          else if (field === 'data') event.data += (event.data ? '\n' : '') + text;
          else if (field === 'id') event.id = text;
        }
        if (event.id) lastId = event.id;
        if (event.type === 'reset') lastId = null;
        if (event.type === 'end') ended = true;
        onEvent(event.type, event.data, event.id);
      }
    }
  }

  (async () => {
    let delay = 1000;
    while (!ended && !controller.signal.aborted) {
      try {
        await readOnce();
        delay = 1000;
      } catch (error) {
        if (controller.signal.aborted) return;
        onState('reconnecting');
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 15000);
      }
    }
    if (ended) onState('ended');
  })();

  return () => controller.abort();
}
