"""The canvas's tools: what a click or a drag on it does."""

SELECT, CONNECT, ADD_INPUT, ADD_NEURON = "select", "connect", "add-input", "add-neuron"
