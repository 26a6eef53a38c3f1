"""The engine's one-line errors, in a module without numpy: the CLI catches them before it knows
whether its subcommand will compute anything (``nn-designer --version`` must not load numpy)."""


class EngineError(ValueError):
    """The network cannot be evaluated; the message says why (one line)."""


class DatasetError(ValueError):
    """Bad dataset request or CSV file; the message is one line."""
