"""The contract checker itself: it must catch what it claims to catch."""

import httpx
import pytest

from tests.contract.openapi_contract import ContractTransport, ContractViolation, OpenApiContract

BASE = "https://tripletex.no/v2"


@pytest.fixture(scope="module")
def contract() -> OpenApiContract:
    return OpenApiContract.load()


def _ok(body: dict, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=body, headers={"x-tlx-request-id": "r-1"})


def test_accepts_a_valid_list_request_and_response(contract):
    request = httpx.Request(
        "GET", f"{BASE}/employee", params={"from": 0, "count": 10, "fields": "id,firstName"}
    )
    contract.check_request(request)
    contract.check_response(
        request,
        _ok({"from": 0, "count": 1, "versionDigest": "abc", "values": [{"id": 1, "firstName": "Kari"}]}),
    )


def test_percent_encoded_summary_path_matches(contract):
    request = httpx.Request("GET", f"{BASE}/token/session/%3EwhoAmI")
    contract.check_request(request)


def test_unknown_path_query_and_field_are_violations(contract):
    with pytest.raises(ContractViolation, match="no such operation"):
        contract.check_request(httpx.Request("GET", f"{BASE}/employees"))
    with pytest.raises(ContractViolation, match="not in the spec"):
        contract.check_request(httpx.Request("GET", f"{BASE}/employee", params={"pageSize": 5}))
    with pytest.raises(ContractViolation, match="does not fit"):
        contract.check_request(httpx.Request("GET", f"{BASE}/employee", params={"count": "many"}))
    request = httpx.Request("GET", f"{BASE}/employee")
    with pytest.raises(ContractViolation, match="nickname"):
        contract.check_response(request, _ok({"values": [{"id": 1, "nickname": "x"}]}))


def test_json_body_is_checked_against_the_request_schema(contract):
    good = httpx.Request(
        "POST",
        f"{BASE}/token/session/:create",
        json={"consumerToken": "c", "employeeToken": "e", "expirationDate": "2026-12-01"},
    )
    contract.check_request(good)
    bad = httpx.Request("POST", f"{BASE}/token/session/:create", json={"consumerToken": 5})
    with pytest.raises(ContractViolation, match="consumerToken"):
        contract.check_request(bad)


def test_error_bodies_must_be_api_errors_with_request_id_header(contract):
    request = httpx.Request("GET", f"{BASE}/employee")
    contract.check_response(
        request, _ok({"status": 403, "code": 9000, "message": "Ingen tilgang", "requestId": "r"}, 403)
    )
    with pytest.raises(ContractViolation):
        contract.check_response(request, _ok({"error": "nope"}, 403))
    with pytest.raises(ContractViolation, match="x-tlx-request-id"):
        contract.check_response(request, httpx.Response(200, json={"values": []}))


def test_undeclared_status_is_a_violation(contract):
    request = httpx.Request(
        "POST", f"{BASE}/token/session/:create", json={"consumerToken": "c", "employeeToken": "e"}
    )
    with pytest.raises(ContractViolation, match="not declared"):
        contract.check_response(request, _ok({"value": {"token": "x"}}, 200))


def test_transport_wrapper_counts_and_raises(contract):
    inner = httpx.MockTransport(lambda request: _ok({"values": []}))
    transport = ContractTransport(inner, contract)
    with httpx.Client(transport=transport) as client:
        client.get(f"{BASE}/department", params={"count": 1})
        with pytest.raises(ContractViolation):
            client.get(f"{BASE}/department", params={"bogus": 1})
    assert transport.checked == 1
    assert len(transport.violations) == 1


def test_model_level_read_only_does_not_forbid_bodies_but_field_level_does(contract):
    body = {"travelExpense": {"id": 5}, "date": "2026-03-02", "km": 12.5, "departureLocation": "Oslo"}
    contract.check_request(httpx.Request("POST", f"{BASE}/travelExpense/mileageAllowance", json=body))
    with pytest.raises(ContractViolation, match="number"):
        contract.check_request(
            httpx.Request("POST", f"{BASE}/travelExpense", json={"employee": {"id": 1}, "number": 7})
        )


def test_streamed_multipart_body_is_read_and_accepted(contract):
    request = httpx.Request(
        "POST",
        f"{BASE}/travelExpense/5/attachment",
        files={"file": ("kvittering.pdf", b"%PDF-1.4", "application/pdf")},
    )
    contract.check_request(request)
