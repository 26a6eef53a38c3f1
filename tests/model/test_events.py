"""Model events: subscribing and unsubscribing, and listeners that run once per user action."""

from designer.model import events as ev
from designer.model.events import Emitter, Event, once_per_action
from designer.model.templates import single_neuron


def test_subscribe_returns_the_function_that_unsubscribes():
    emitter, seen = Emitter(), []
    unsubscribe = emitter.subscribe(seen.append)
    emitter.emit(Event(ev.NODE_CHANGED, "y", "bias"))
    unsubscribe()
    emitter.emit(Event(ev.NODE_CHANGED, "y", "bias"))
    assert seen == [Event(ev.NODE_CHANGED, "y", "bias")]


def test_unsubscribing_stops_the_events_and_twice_is_harmless():
    emitter, seen, other = Emitter(), [], []
    emitter.subscribe(seen.append)
    emitter.subscribe(other.append)
    emitter.unsubscribe(seen.append)
    emitter.unsubscribe(seen.append)
    emitter.emit(Event(ev.RESET))
    assert seen == [] and other == [Event(ev.RESET)]


def test_once_per_action_waits_for_the_outermost_batch():
    calls = []
    listener = once_per_action(lambda: calls.append(len(events)))
    events = []
    for kind in (ev.BATCH_BEGIN, ev.BATCH_BEGIN, ev.NODE_CHANGED, ev.BATCH_END, ev.NODE_CHANGED, ev.BATCH_END):
        events.append(kind)
        listener(Event(kind))
    assert calls == [6]  # once, after the outer batch ended
    events.append(ev.NODE_CHANGED)
    listener(Event(ev.NODE_CHANGED))
    assert calls == [6, 7]  # a single change outside a batch


def test_turning_softmax_on_is_a_structural_network_change():
    net, seen = single_neuron(), []
    net.events.subscribe(seen.append)
    net.set_network_field("softmax", True)
    assert seen == [Event(ev.NETWORK_CHANGED, None, "softmax")] and seen[0].structural
