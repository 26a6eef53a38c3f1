"""NN Designer: build neural networks neuron by neuron and watch them think."""

__version__ = "0.1.0"
