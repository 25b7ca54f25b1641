"""The botocore adapter: everything that knows botocore's event system or its internals.

- hooks.py: the handlers, their registration (a post-import hook on botocore.handlers),
  and the stack of active engines they hand calls to;
- internals.py: every private attribute of botocore, boto3 and aiobotocore we touch;
- call_codec.py / wire_codec.py: an Answer rendered for the call / wire transport;
- retry_clock.py: botocore's retry sleeps advance the answering fake's Clock.

Imports point one way: the adapter uses the engine (engine.py) and the shared answer
rules (answer.py, services.py); nothing outside it but fake.py and plugin.py imports it,
and only hooks.py.  This package imports no botocore at import.
"""
