"""Key use: each call signed with an access key records it; GetAccessKeyLastUsed and the
service-last-accessed report read it back (reference 9.4)."""

from __future__ import annotations

from typing import Any

from . import errors
from .account import AccessJob, Account, KeyUse, User
from .identity import Principal, derived_id
from .names import fold
from .paging import listing, page
from .registry import Request, Result
from .timestamps import as_stored

DEFAULT_REGION = "us-east-1"  # IAM is global and answers from us-east-1 (REAL: the region IAM reports)
NEVER = "N/A"  # ServiceName and Region of a key never used (REAL)
# The services the fake answers, by namespace, with the names IAM's access advisor gives them.
SERVICE_NAMES = {"iam": "AWS Identity and Access Management", "sts": "AWS Security Token Service"}


def record(req: Request, region: str) -> None:
    """Note that the caller's access key signed this request (call it once authenticated).

    CHOSEN: every authenticated call counts, whatever its answer: AWS records the use of
    the key, not the success of the call.
    """
    caller = req.caller
    if caller.access_key_id is None or caller.kind not in ("user", "root"):
        return  # unknown keys and temporary credentials have no stored key
    owner = req.account.root if caller.kind == "root" else req.account.find_user(caller.user_name or "")
    key = owner.access_keys.get(caller.access_key_id) if owner is not None else None
    if owner is None or key is None:
        return
    use = KeyUse(req.account.clock.now(), req.service, region)
    key.last_used = use
    owner.service_use[req.service] = use


def get_access_key_last_used(req: Request) -> Result:
    key_id = req.params["AccessKeyId"]
    principal = req.credentials.live.get(key_id)
    user = _owner(req.account, principal)
    key = user.access_keys.get(key_id) if user is not None else None
    if user is None or key is None:
        raise errors.key_last_used_denied(req.caller.arn, key_id)
    use = key.last_used
    if use is None:
        return {"UserName": user.name, "AccessKeyLastUsed": {"ServiceName": NEVER, "Region": NEVER}}
    return {
        "UserName": user.name,
        "AccessKeyLastUsed": {"LastUsedDate": as_stored(use.when), "ServiceName": use.service, "Region": use.region},
    }


def _owner(account: Account, principal: Principal | None) -> User | None:
    """The user (or root) of this account that a live key belongs to."""
    if principal is None or principal.account_id != account.account_id:
        return None
    if principal.kind == "root":
        return account.root
    return account.find_user(principal.user_name or "")


# --- service last accessed details ---------------------------------------------------------


def _users_of_arn(account: Account, arn: str) -> tuple[str, list[User]]:
    """(the entity's kind, the users whose key use counts for it) for a user or group ARN."""
    prefix = f"arn:aws:iam::{account.account_id}:"
    if not arn.startswith(prefix):
        raise errors.invalid_entity_arn(arn)
    resource = arn[len(prefix) :]
    kind, name = resource.split("/", 1)[0], resource.rsplit("/", 1)[-1]
    if kind == "user":
        user = account.find_user(name)
        if user is None or user.arn != arn:
            raise errors.no_such_entity_arn(arn)
        return kind, [user]
    if kind == "group":
        group = account.groups.find(fold(name))
        if group is None or group.arn != arn:
            raise errors.no_such_entity_arn(arn)
        return kind, list(group.members.values())
    if kind in ("role", "policy"):
        # HOOK: roles and managed policies land with other modules; none exists here yet.
        raise errors.no_such_entity_arn(arn)
    raise errors.invalid_entity_arn(arn)


def _entry(namespace: str, users: list[User]) -> dict[str, Any]:
    """One service's line: the latest use by any of `users`, and how many of them used it."""
    entry: dict[str, Any] = {
        "ServiceName": SERVICE_NAMES[namespace],
        "ServiceNamespace": namespace,
        "TotalAuthenticatedEntities": 0,
    }
    uses = [(use, user) for user in users if (use := user.service_use.get(namespace)) is not None]
    if uses:
        use, user = max(uses, key=lambda pair: pair[0].when)
        entry.update(
            LastAuthenticated=as_stored(use.when),
            LastAuthenticatedEntity=user.arn,  # for a group: the member who used it last (DOC)
            LastAuthenticatedRegion=use.region,
            TotalAuthenticatedEntities=len(uses),
        )
    return entry


def generate_service_last_accessed_details(req: Request) -> Result:
    _, users = _users_of_arn(req.account, req.params["Arn"])
    now = req.account.clock.now()
    req.account.credentials_issued += 1
    raw = derived_id("", req.account.account_id, "job", str(req.account.credentials_issued), length=32).lower()
    job_id = f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:32]}"  # a UUID's shape (36)
    entries = {namespace: _entry(namespace, users) for namespace in SERVICE_NAMES}
    granularity = req.params.get("Granularity", "SERVICE_LEVEL")
    req.account.access_jobs[job_id] = AccessJob(job_id, granularity, now, entries)
    return {"JobId": job_id}


def get_service_last_accessed_details(req: Request) -> Result:
    job_id = req.params["JobId"]
    job = req.account.access_jobs.get(job_id)
    if job is None:
        raise errors.no_such_job(job_id)
    entries, marker = page(job.entries, req.params, keys=sorted(job.entries))  # sorted by namespace (DOC)
    out = listing("ServicesLastAccessed", [dict(e) for e in entries], marker)
    out.update(
        JobStatus="COMPLETED",
        JobType=job.granularity,
        JobCreationDate=as_stored(job.created),
        JobCompletionDate=as_stored(job.created),
    )
    return out
