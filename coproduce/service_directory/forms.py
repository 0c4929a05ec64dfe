"""What an organisation types about a service, turned into the ORUK service JSON a reviewer approves.

One form holds the service, its ages, types, one place, one weekly timetable, a charge and a contact: what
a small charity's listing needs. A service imported with more places or timetables keeps the others as
they are; this form edits the first of each.
"""

from __future__ import annotations

import copy
import re
import uuid
from decimal import Decimal
from typing import Any

from django import forms

from coproduce.core.forms import GovukFormMixin
from coproduce.directory.models import Organisation
from coproduce.service_directory.models import AGE_MAX, DAYS, ServiceStatus, TaxonomyTerm

# The shape of a UK postcode (outward and inward code), loosely: the checks on a real one are Royal Mail's.
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


class TermChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: TaxonomyTerm) -> str:  # type: ignore[override]
        return obj.name


def _time_field(label: str, help_text: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        help_text=help_text,
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        error_messages={"invalid": f"Enter the {label.lower()} as a time, such as 09:30"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
    )


def _age_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=AGE_MAX,
        help_text="In years. Leave empty if there is no limit.",
        error_messages={
            "invalid": f"Enter the {label.lower()} as a whole number of years",
            "min_value": f"The {label.lower()} must be 0 or more",
            "max_value": f"The {label.lower()} must be {AGE_MAX} or less",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
    )


class ServiceForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Name of the service",
        max_length=200,
        error_messages={"required": "Enter the name of the service"},
    )
    description = forms.CharField(
        label="What the service does",
        help_text="Who it is for and what happens there, in plain words. Centres and families read this.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Say what the service does"},
    )
    taxonomy_terms = TermChoiceField(
        label="Type of service",
        queryset=TaxonomyTerm.objects.select_related("taxonomy").order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={"required": "Select at least one type of service"},
    )
    status = forms.ChoiceField(
        label="Is it running?",
        choices=ServiceStatus.choices,
        widget=forms.RadioSelect,
        initial=ServiceStatus.ACTIVE,
    )
    minimum_age = _age_field("Minimum age")
    maximum_age = _age_field("Maximum age")
    location_name = forms.CharField(
        label="Name of the place",
        max_length=200,
        required=False,
        help_text="For example, Crayford Children's Centre",
    )
    address_1 = forms.CharField(label="Address line", max_length=200, required=False)
    city = forms.CharField(label="Town", max_length=100, required=False)
    postal_code = forms.CharField(
        label="Postcode",
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "postal-code"}),
    )
    days = forms.MultipleChoiceField(
        label="Days it runs", choices=list(DAYS.items()), widget=forms.CheckboxSelectMultiple, required=False
    )
    opens_at = _time_field("Start time", "For example, 09:30")
    closes_at = _time_field("End time", "For example, 11:30")
    cost_amount = forms.DecimalField(
        label="Charge per session, in pounds",
        required=False,
        min_value=Decimal("0"),
        max_digits=7,
        decimal_places=2,
        help_text="Leave empty if it is free.",
        error_messages={
            "invalid": "Enter the charge as an amount in pounds, such as 2.50",
            "min_value": "The charge cannot be below zero",
            "max_decimal_places": "Enter the charge in pounds and pence, such as 2.50",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal"}),
    )
    contact_name = forms.CharField(label="Contact name", max_length=200, required=False)
    contact_title = forms.CharField(label="Contact's role", max_length=200, required=False)
    url = forms.URLField(
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "govuk-input", "autocomplete": "url"}),
        label="Web page",
        required=False,
        error_messages={"invalid": "Enter a web address, such as https://example.org/stay-and-play"},
    )
    email = forms.EmailField(
        label="Email",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.org"},
    )

    def clean_postal_code(self) -> str:
        raw = " ".join(self.cleaned_data.get("postal_code", "").upper().split())
        if raw and not POSTCODE.match(raw):
            raise forms.ValidationError("Enter a real postcode, such as DA6 7AT")
        if raw and " " not in raw:
            raw = f"{raw[:-3]} {raw[-3:]}"
        return raw

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and high < low:
            self.add_error(
                "maximum_age", f"The maximum age must be the same as or more than the minimum age ({low})"
            )
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", f"The end time must be after the start time ({opens:%H:%M})")
        if (
            (opens is None) != (closes is None)
            and "opens_at" not in self.errors
            and "closes_at" not in self.errors
        ):
            self.add_error(
                "closes_at" if opens else "opens_at", "Enter both the start and end times, or neither"
            )
        if (opens or closes) and not data.get("days"):
            self.add_error("days", "Select the days it runs at these times")
        if data.get("address_1") and not data.get("postal_code") and "postal_code" not in self.errors:
            self.add_error("postal_code", "Enter the postcode of the address")
        if data.get("postal_code") and not data.get("address_1"):
            self.add_error("address_1", "Enter the address line of the place")
        return data

    @classmethod
    def initial_from(cls, service_data: dict[str, Any]) -> dict[str, Any]:
        """The form's starting values from a service's ORUK JSON (its pending proposal, or what is published)."""
        sal = (service_data.get("service_at_locations") or [{}])[0]
        location = sal.get("location", {})
        address = (location.get("addresses") or [{}])[0]
        schedule = (service_data.get("schedules") or [{}])[0]
        cost: dict[str, Any] = next(
            (c for c in service_data.get("cost_options", []) if c.get("amount") is not None), {}
        )
        contact = (service_data.get("contacts") or [{}])[0]
        return {
            "name": service_data.get("name", ""),
            "description": service_data.get("description", ""),
            "taxonomy_terms": [a["taxonomy_term_id"] for a in service_data.get("attributes", [])],
            "status": service_data.get("status", ServiceStatus.ACTIVE),
            "minimum_age": service_data.get("minimum_age"),
            "maximum_age": service_data.get("maximum_age"),
            "location_name": location.get("name", ""),
            "address_1": address.get("address_1", ""),
            "city": address.get("city", ""),
            "postal_code": address.get("postal_code", ""),
            "days": [d for d in schedule.get("byday", "").split(",") if d],
            "opens_at": schedule.get("opens_at", ""),
            "closes_at": schedule.get("closes_at", ""),
            "cost_amount": cost.get("amount"),
            "contact_name": contact.get("name", ""),
            "contact_title": contact.get("title", ""),
            "url": service_data.get("url", ""),
            "email": service_data.get("email", ""),
        }

    def to_oruk(
        self, *, base: dict[str, Any] | None, service_id: uuid.UUID, organisation_id: str
    ) -> dict[str, Any]:
        """The service as ORUK JSON: ``base`` (what is published or proposed) with this form's values in."""
        d = self.cleaned_data
        data = copy.deepcopy(base) if base else {}
        sid = str(service_id)
        data.update(
            {
                "id": sid,
                "organization_id": organisation_id,
                "name": d["name"],
                "description": d["description"],
                "status": d["status"],
            }
        )
        for key in ("url", "email"):
            if d[key]:
                data[key] = d[key]
            else:
                data.pop(key, None)
        for key in ("minimum_age", "maximum_age"):
            if d[key] is None:
                data.pop(key, None)
            else:
                data[key] = d[key]
        data.pop("organization", None)
        data.pop("last_modified", None)
        data["attributes"] = [
            {"id": str(uuid.uuid4()), "link_id": sid, "taxonomy_term_id": str(t.id), "link_type": "service"}
            for t in d["taxonomy_terms"]
        ]
        sals: list[dict[str, Any]] = data.get("service_at_locations") or []
        if d["address_1"] or d["location_name"]:
            first: dict[str, Any] = sals[0] if sals else {"id": str(uuid.uuid4())}
            location: dict[str, Any] = dict(
                first.get("location") or {"id": str(uuid.uuid4()), "location_type": "physical"}
            )
            location["name"] = d["location_name"]
            location["addresses"] = (
                [
                    {
                        "id": ((location.get("addresses") or [{}])[0]).get("id") or str(uuid.uuid4()),
                        "location_id": location["id"],
                        "address_1": d["address_1"],
                        "city": d["city"],
                        "state_province": "",
                        "postal_code": d["postal_code"],
                        "country": "GB",
                        "address_type": location.get("location_type", "physical"),
                    }
                ]
                if d["address_1"]
                else []
            )
            first = first | {"service_id": sid, "location_id": location["id"], "location": location}
            sals = [first, *sals[1:]]
        else:
            sals = sals[1:]
        data["service_at_locations"] = sals
        schedules = data.get("schedules") or []
        if d["days"]:
            first = dict(schedules[0]) if schedules else {"id": str(uuid.uuid4())}
            first.update(
                {"service_id": sid, "freq": "WEEKLY", "byday": ",".join(c for c in DAYS if c in d["days"])}
            )
            for key in ("opens_at", "closes_at"):
                if d[key]:
                    first[key] = d[key].strftime("%H:%M")
                else:
                    first.pop(key, None)
            first.pop("description", None)
            schedules = [first, *schedules[1:]]
        else:
            schedules = schedules[1:]
        data["schedules"] = schedules
        costs = [c for c in data.get("cost_options", []) if c.get("amount") is None]
        if d["cost_amount"] is not None:
            amount = d["cost_amount"]
            costs.insert(
                0,
                {
                    "id": str(uuid.uuid4()),
                    "service_id": sid,
                    "option": "Per session",
                    "amount": int(amount) if amount == amount.to_integral_value() else float(amount),
                },
            )
        data["cost_options"] = costs
        contacts = data.get("contacts") or []
        if d["contact_name"] or d["contact_title"]:
            first = dict(contacts[0]) if contacts else {"id": str(uuid.uuid4())}
            first.update({"service_id": sid, "name": d["contact_name"], "title": d["contact_title"]})
            contacts = [{k: v for k, v in first.items() if v != ""}, *contacts[1:]]
        else:
            contacts = contacts[1:]
        data["contacts"] = contacts
        for key in ("service_areas", "languages", "funding"):
            data.setdefault(key, [])
        return data


class SendBackForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why are you sending it back?",
        help_text="The organisation sees this and can change the listing and send it again.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class ImportForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisation the services belong to",
        queryset=Organisation.objects.none(),
        help_text="Organisations the feed names are found by name in this area, or added; services it gives no"
        " organisation for are this one's.",
        error_messages={"required": "Select the organisation the services belong to"},
    )
    feed = forms.FileField(
        label="ORUK feed or HSDS data package",
        help_text="A JSON file (a /services page, a list of services or one service) or a .zip of the HSDS CSV files with datapackage.json.",
        error_messages={"required": "Choose a file to import"},
    )
    publish = forms.BooleanField(label="Publish the imported services straight away", required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
