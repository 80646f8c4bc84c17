// One decision run from the page: shared by the judgement controls (judge.js) and the decisions panel
// and "add a tie" (decisions.js).

/**
 * Run one decision: its answer to `then` (which redraws the panel and may return a message), then the
 * graph drawn again, then the message shown (a redraw clears the notice); errors shown (and handed to
 * `failed`, for a form that says what went wrong beside itself); the button is disabled meanwhile.
 */
export async function run(panels, button, call, then, failed = null) {
  if (button) button.disabled = true;
  try {
    const answer = await call();
    const message = await then(answer);
    await panels.actions.changed();
    if (message) panels.actions.notify(message);
  } catch (error) {
    panels.actions.error(error);
    failed?.(error);
  } finally {
    if (button) button.disabled = false;
  }
}
