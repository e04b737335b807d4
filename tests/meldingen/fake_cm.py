"""A fake CM.com gateway on localhost, for the tests of text messages (out and back)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest


class FakeCM:
    """A tiny CM gateway: records each request; answers with the status code it is told."""

    def __init__(self):
        self.requests = []
        self.answer = (200, {"details": "Created 1 message(s)", "errorCode": 0})
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                fake.requests.append(json.loads(self.rfile.read(length)))
                status, body = fake.answer
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps(body).encode())

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1.0/message"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def cm(settings):
    fake = FakeCM()
    settings.SMS_BACKEND = "meldingen.sms.CMSMSBackend"
    settings.SMS_CM_URL = fake.url
    settings.SMS_CM_PRODUCT_TOKEN = "test-token"
    settings.SMS_SENDER = "Dorpsloket"
    settings.SMS_STATUS_SECRET = "s3cret-status"
    yield fake
    fake.stop()
