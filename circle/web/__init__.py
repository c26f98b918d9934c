"""The room display as a web page, for a TV, a projector or a tab shared in a video call.

It reads the same nameless room board as `circle display` and serves it on 127.0.0.1 behind a
token; it opens no vault and holds no key.
"""
