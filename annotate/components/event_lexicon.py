"""The ACE 2005 event triggers and argument roles of ``annotui_events``, as word tables.

The trigger lists follow the ACE 2005 English event guidelines' examples for each subtype (and
brat's ACE-based example configuration), written as lemmas: what a news sentence uses to say
that the thing happened, with the phrasal verbs (``step down``, ``round up``, ``lay off``)
and the participles that name a past event before a noun (``the deposed leader``). Saying,
reporting and believing are not events (ACE annotates no "Statement"), so no reporting verb
is a trigger.

:data:`ROLE_OF` turns the parts the parse finds (who acts, who is acted on, who receives, who
takes part as an equal) into each type's ACE roles: the one who dies is the ``victim``, the
traveller the ``artifact`` of a Transport, the seller the ``agent`` of "sell".
"""

from __future__ import annotations

from typing import Final


def _lemmas(text: str) -> list[str]:
    return text.split()


VERB_TRIGGERS: dict[str, list[str]] = {
    "Be-born": _lemmas("bear"),
    "Marry": _lemmas("marry wed"),
    "Divorce": _lemmas("divorce"),
    "Injure": _lemmas("injure wound hurt maim"),
    "Die": _lemmas("die kill murder assassinate slay behead perish drown exterminate claim lose"),
    "Transport": _lemmas(
        "arrive travel visit tour return depart fly flee deploy evacuate escape relocate "
        "undock dock migrate smuggle accompany withdraw emigrate dispatch transport divert "
        "airlift rescue"
    ),
    "Transfer-ownership": _lemmas(
        "buy sell purchase acquire supply deliver export provide offer seize confiscate hand"
    ),
    "Transfer-money": _lemmas("pay fund donate lend loan invest raise bribe compensate"),
    "Start-org": _lemmas("found establish form"),
    "Merge-org": _lemmas("merge"),
    "Declare-bankruptcy": _lemmas("bankrupt"),
    "End-org": _lemmas("close shut dissolve disband liquidate"),
    "Attack": _lemmas(
        "attack fire launch bomb shell strike invade shoot raid ambush storm assault stab "
        "explode blast fight bombard slash throw massacre blow hijack drop abuse"
    ),
    "Demonstrate": _lemmas("protest demonstrate rally picket riot"),
    "Meet": _lemmas("meet welcome greet negotiate shake discuss interview interrogate talk"),
    "Phone-write": _lemmas("phone telephone email write"),
    "Start-position": _lemmas("appoint hire install instal recruit employ promote become name"),
    "End-position": _lemmas("resign quit retire sack dismiss oust cut remove depose step lay"),
    "Nominate": _lemmas("nominate"),
    "Elect": _lemmas("elect re-elect contest win"),
    "Arrest-jail": _lemmas(
        "arrest detain jail imprison capture apprehend hold round incarcerate catch surrender"
    ),
    "Release-parole": _lemmas("release free parole"),
    "Trial-hearing": _lemmas("try refer appear"),
    "Charge-indict": _lemmas("charge indict prosecute"),
    "Sue": _lemmas("sue"),
    "Convict": _lemmas("convict"),
    "Sentence": _lemmas("sentence"),
    "Fine": _lemmas("fine"),
    "Execute": _lemmas("execute"),
    "Extradite": _lemmas("extradite deport"),
    "Acquit": _lemmas("acquit"),
    "Appeal": _lemmas("appeal"),
    "Pardon": _lemmas("pardon"),
}
"""ACE event type -> the verb lemmas that trigger it (the ``verb_triggers`` config default)."""

NOUN_TRIGGERS: dict[str, list[str]] = {
    "Be-born": _lemmas("birth"),
    "Marry": _lemmas("marriage wedding"),
    "Divorce": _lemmas("divorce"),
    "Injure": _lemmas("injury"),
    "Die": _lemmas("death murder killing assassination suicide fatality"),
    "Transport": _lemmas(
        "visit trip tour journey arrival departure evacuation deployment voyage flight return "
        "withdrawal escape airlift launch"
    ),
    "Transfer-ownership": _lemmas(
        "sale purchase acquisition buyout takeover delivery shipment aid deal seizure confiscation"
    ),
    "Transfer-money": _lemmas("payment donation loan funding investment bail grant"),
    "Start-org": _lemmas("creation formation founding establishment"),
    "Merge-org": _lemmas("merger amalgamation"),
    "Declare-bankruptcy": _lemmas("bankruptcy receivership insolvency collapse liquidation"),
    "End-org": _lemmas("closure shutdown dissolution"),
    "Attack": _lemmas(
        "attack bombing raid strike airstrike invasion offensive assault battle fighting stabbing "
        "shooting clash explosion blast ambush bombardment gunfire war jihad massacre bloodshed "
        "hijacking "
        "hostility combat siege violence abuse coup operation campaign firefight gunbattle "
        "shootout"
    ),
    "Demonstrate": _lemmas("protest demonstration rally riot disturbance"),
    "Meet": _lemmas("meeting talk summit negotiation handshake conference welcome discussion"),
    "Phone-write": _lemmas("call letter conversation leak communication"),
    "Start-position": _lemmas("appointment inauguration comeback"),
    "End-position": _lemmas("resignation dismissal retirement sacking layoff"),
    "Nominate": _lemmas("nomination"),
    "Elect": _lemmas("election re-election"),
    "Arrest-jail": _lemmas("arrest detention imprisonment custody round-up roundup"),
    "Release-parole": _lemmas("release parole"),
    "Trial-hearing": _lemmas("trial hearing inquest"),
    "Charge-indict": _lemmas("indictment prosecution charge"),
    "Sue": _lemmas("lawsuit action"),
    "Convict": _lemmas("conviction verdict"),
    "Sentence": _lemmas("sentence"),
    "Execute": _lemmas("execution"),
    "Extradite": _lemmas("extradition deportation"),
    "Acquit": _lemmas("acquittal"),
    "Appeal": _lemmas("appeal"),
    "Pardon": _lemmas("pardon amnesty"),
}
"""ACE event type -> the noun lemmas that trigger it (the ``noun_triggers`` config default)."""

ADJECTIVE_TRIGGERS: Final[dict[str, str]] = {
    "dead": "Die",
    "bankrupt": "Declare-bankruptcy",
    "guilty": "Convict",
    "wounded": "Injure",
    "injured": "Injure",
}
"""Adjectives that say something happened ("left eight civilians dead", "found guilty")."""
PAST_PARTICIPLES: Final = frozenset(
    {
        *("deposed", "ousted", "sacked", "jailed", "detained", "imprisoned", "exiled"),
        *("slain", "murdered", "assassinated", "kidnapped", "abducted", "wounded", "injured"),
        *("elected", "appointed", "convicted", "arrested", "executed", "captured"),
    }
)
"""Participles before a noun that name an event that happened to it ("the deposed leader")."""
PARTICLES: Final[dict[str, frozenset[str]]] = {
    "step": frozenset({"down", "aside"}),
    "lay": frozenset({"off"}),
    "round": frozenset({"up"}),
    "blow": frozenset({"up"}),
    "hand": frozenset({"over"}),
}
"""Verbs that are triggers only with their particle ("stepped down", "rounded up")."""
GUILTY_VERBS: Final = frozenset({"find", "plead", "declare", "prove"})
"""Verbs whose "guilty" is a conviction ("found guilty")."""

_PLACES_OF_WORK: Final = frozenset(
    {"factory", "plant", "office", "store", "shop", "branch", "school", "mine", "business"}
)
BUSINESSES: Final = _PLACES_OF_WORK | {
    *("company", "firm", "bank", "airline", "hospital", "operator", "retailer", "insurer"),
    *("chain", "mill", "paper", "newspaper", "station", "network", "giant", "group"),
}
"""Words of an organisation that can collapse or close ("the plant's closure")."""
REPORTING_VERBS: Final = frozenset(
    {"say", "tell", "announce", "confirm", "report", "state", "add", "warn", "predict", "claim"}
)
"""Verbs whose clause reports what someone said ("confirmed it would begin")."""
SAYING_VERBS: Final = REPORTING_VERBS | {
    *("insist", "deny", "admit", "reveal", "indicate", "explain", "acknowledge", "believe"),
}
"""Verbs of saying and thinking: "it"/"they" as the subject of what they say stands for their
subject ("the company said it ...")."""
_CONTESTS: Final = frozenset({"leadership", "election", "seat", "poll", "ballot", "presidency"})
"""What is contested in an election ("contest the leadership")."""
_WON: Final = frozenset({"leadership", "seat", "poll", "ballot", "presidency", "premiership"})
"""What is won in an election ("won the seat"; "won re-election" is the election's noun)."""
NEEDS_OBJECT: Final[dict[str, frozenset[str]]] = {
    "cut": frozenset({"job", "position", "post", "staff", "worker"}),
    "claim": frozenset({"life"}),  # "the crash claimed 21 lives"; a claim is saying
    "lose": frozenset({"life"}),  # "lost their lives" (a job lost: End-position, POSTS_LOST)
    "promote": frozenset(),
    "dismiss": frozenset(),
    "raise": frozenset({"capital", "money", "fund", "cash", "$", "million", "billion"}),
    "close": _PLACES_OF_WORK,
    "shut": _PLACES_OF_WORK,
    # with a person as object or as passive subject:
    "hold": frozenset(),
    "free": frozenset(),
    "release": frozenset(),
    "welcome": frozenset(),
    "write": frozenset(),
    "try": frozenset(),
    "charge": frozenset(),
    "capture": frozenset(),
    "catch": frozenset(),
    "rescue": frozenset(),
    "contest": _CONTESTS,
    "win": _WON,
    "form": frozenset(
        {"party", "company", "group", "government", "coalition", "alliance", "union", "firm"}
    ),
    "throw": frozenset({"rock", "stone", "brick", "grenade", "bomb", "bottle", "acid", "petrol"}),
    "drop": frozenset({"bomb", "missile", "shell", "explosive", "munition", "napalm"}),
}
"""Verbs that trigger only with one of these object lemmas, or (an empty set) with a person
as object or passive subject ("held a man" is an arrest, "held talks" is not)."""
POSTS_LOST: Final = frozenset({"job", "post", "position", "seat"})
"""What "lose" loses in an end of a post ("lose their jobs"); with "life", what is lost in a
death: neither is a party to the event."""
PERSON_NOUNS: Final = frozenset(
    {
        *("man", "woman", "boy", "girl", "suspect", "people", "prisoner", "hostage", "child"),
        *("person", "fighter"),
        *("mother", "father", "student", "teacher", "worker", "official", "soldier", "civilian"),
        *("leader", "militant", "gunman", "victim", "member", "detainee", "refugee", "himself"),
        *("terrorist", "scientist", "expert", "diplomat", "wife", "husband", "son", "daughter"),
        *("teenager", "youth", "patient", "passenger", "pilot", "driver", "resident"),
    }
)
"""Nouns that name people, for the checks of :data:`NEEDS_OBJECT`."""
VEHICLES: Final = frozenset(
    {
        *("train", "plane", "jet", "aircraft", "airliner", "helicopter", "ship", "boat"),
        *("ferry", "bus", "car", "truck", "vehicle", "spacecraft", "shuttle", "capsule"),
        *("yacht", "vessel", "freighter", "tanker", "rocket"),
    }
)
"""Nouns of an ``on``/``by``/``aboard`` phrase that carry a Transport (its ``vehicle``)."""
WAR_VEHICLES: Final = frozenset(
    {"jet", "warplane", "helicopter", "gunship", "tank", "warship", "aircraft", "plane"}
)
"""Vehicles an attack is made with: as its subject they are its ``instrument`` ("Israeli jets
attacked"), as ACE has it."""
RECEIVING: Final = frozenset({"seek", "receive", "get", "obtain", "want", "need", "request", "ask"})
"""Verbs whose subject receives the transfer noun they govern ("seek aid")."""
TAKING_MONEY: Final = frozenset(
    {"raise", "receive", "get", "collect", "earn", "borrow", "accept", "obtain", "win", "secure"}
)
"""Verbs of a Transfer-money whose subject gets the money."""
NEEDS_COMPOUND: Final = frozenset({"deal"})
"""Nouns that trigger only with a noun before them ("arms deal"; a "deal" alone is an
agreement)."""
NEEDS_MODIFIER: Final[dict[str, frozenset[str]]] = {
    "action": frozenset({"legal", "court", "class", "civil"}),
    "case": frozenset({"court", "legal", "criminal", "civil"}),
    "conversation": frozenset({"telephone", "phone"}),
    "call": frozenset({"phone", "telephone", "conference", "radio"}),
    "operation": frozenset({"military", "army", "bombing", "air", "ground", "naval", "combat"}),
    "campaign": frozenset({"military", "army", "bombing", "air", "ground", "naval", "combat"}),
}
"""Nouns that trigger only with one of these words before them ("legal action")."""
NEEDS_WHAT: Final = frozenset(
    {"creation", "formation", "founding", "establishment", "seizure", "confiscation"}
    | {"closure", "shutdown", "insolvency"}
)
"""Nouns that trigger only with what they act on, after "of", before them or owning them
("the creation of a unit", "land seizures", "the plant's closure"; "creation" alone is the
world, "a seizure" an illness, "closure" for a family a peace)."""
ABSTRACT_OBJECTS: Final = frozenset(
    {
        *("chance", "opportunity", "insight", "hope", "way", "view", "glimpse", "apology"),
        *("explanation", "condolence", "support", "advice", "resignation", "comment", "help"),
        *("job", "post", "position", "role", "leadership", "place", "seat", "ticket"),
        *("ruling", "verdict", "judgment", "judgement", "speech", "address", "message"),
        *("statement", "warning", "blow", "lecture", "sermon", "report", "control"),
        *("experience", "guidance", "dedication", "information", "assurance", "service"),
        *("assistance", "representation", "protection"),
    }
)
"""Objects that make a giving verb no transfer ("offers a chance")."""
NO_OBJECT: Final = frozenset({"demonstrate"})
"""Verbs that are no event with an object ("demonstrated the importance")."""
NATURAL_FORCES: Final = frozenset(
    {
        *("storm", "thunderstorm", "turbulence", "lightning", "earthquake", "quake", "fire"),
        *("blaze", "bushfire", "flood", "cyclone", "hurricane", "tornado", "wind", "hail"),
        *("rain", "wave", "tsunami", "drought", "disease", "illness", "cancer"),
    }
)
"""What strikes, hits or is fought without an attacker ("a thunderstorm struck", "fighting
fires"): no Attack."""
NOT_ATTACKS: Final = frozenset(
    {"heart", "panic", "asthma", "pace", "spin", "charm", "alcohol", "drug", "substance"}
)
"""Words before an attack noun that make it no assault ("a heart attack", "the pace attack",
"alcohol abuse")."""
ACTIONS: Final = (
    (frozenset({"industrial", "strike"}), "Demonstrate"),
    (frozenset({"military", "armed"}), "Attack"),
)
"""Words before "action" that make it a strike or an attack ("industrial action"; "legal
action" is a suit, :data:`NEEDS_MODIFIER`)."""
NOT_CHARGES: Final = frozenset(
    {"service", "cover", "fee", "electric", "electrical", "baton", "depth", "bank"}
)
"""Words on "charge" that make it a price or a force, not an accusation ("a service charge")."""
NOT_MEETINGS: Final = frozenset({"press", "news", "media", "telephone", "phone", "video"})
"""Words before a meeting noun that make it no face-to-face meeting ("a press conference":
saying; "a telephone conference")."""
MET_THINGS: Final = frozenset(
    {
        *("bill", "cost", "debt", "demand", "deadline", "need", "target", "requirement"),
        *("expectation", "criterion", "criteria", "obligation", "standard", "goal", "challenge"),
        *("condition", "commitment", "payment", "expense", "shortfall", "request"),
    }
)
"""Objects of "meet" that make it no meeting ("meet the bills", "meet a deadline")."""

MOTION_VERBS: Final = frozenset(
    {
        *("go", "come", "move", "head", "leave", "enter", "cross", "walk", "sail", "march"),
        *("drive", "ride", "reach", "sneak", "rush", "board", "bring", "send", "pull"),
        *("escort", "land", "touch", "take", "transfer"),
    }
)
"""Verbs of movement that are a Transport only with where it goes or leaves ("went to Macapa",
"entered Kandahar", "were brought in from Victoria", "forces pulled out")."""
ARRIVING: Final = frozenset({"land", "touch", "arrive", "dock"})
"""Movement verbs whose "at/in/near/on" place is where they arrive ("landed near Tora Bora")."""
PLACE_OBJECT_MOTION: Final = frozenset({"leave", "enter", "cross", "reach", "board"})
"""Movement verbs whose object is the place ("entered Kandahar")."""
NOT_DESTINATIONS: Final = frozenset(
    {"work", "normal", "normality", "power", "office", "duty", "form", "growth", "profit"}
    | {"democracy", "peace", "best", "health", "strength", "favour", "favor", "stability"}
)
"""What "to" names after a movement verb that is no place ("returned to work")."""
TRANSITIVE_MOTION: Final = frozenset(
    {"deploy", "dispatch", "evacuate", "smuggle", "ship", "relocate", "fly", "deliver"}
    | {"transport", "divert", "bring", "send", "airlift", "rescue"}
    | {"escort", "transfer", "move", "carry"}
)
"""Transport verbs whose object is what moves (their subject the agent who moves it)."""

GIVING: Final = frozenset(
    {"sell", "supply", "deliver", "export", "provide", "donate", "pay", "offer", "hand"}
    | {"surrender"}
)
"""Transfer verbs whose subject gives (their ``to`` object receives)."""

ROLE_OF: Final[dict[str, dict[str, str]]] = {
    "Die": {"agent": "agent", "patient": "victim", "subject": "victim"},
    "Injure": {"agent": "agent", "patient": "victim", "subject": "victim"},
    "Be-born": {"patient": "person", "subject": "person"},
    "Marry": {"agent": "person", "patient": "person", "participant": "person"},
    "Divorce": {"agent": "person", "patient": "person", "participant": "person"},
    "Transport": {
        "agent": "artifact",
        "patient": "artifact",
        "mover": "agent",
        "vehicle": "vehicle",
        "source": "origin",
    },
    "Transfer-ownership": {
        "agent": "buyer",
        "patient": "artifact",
        "recipient": "buyer",
        "source": "seller",
    },
    "Transfer-money": {
        "agent": "giver",
        "patient": "money",
        "recipient": "recipient",
        "source": "giver",
    },
    "Start-org": {"agent": "agent", "patient": "org"},
    "Merge-org": {"agent": "org", "patient": "org", "participant": "org"},
    "Declare-bankruptcy": {"agent": "org", "patient": "org", "subject": "org"},
    "End-org": {"agent": "agent", "patient": "org", "subject": "org"},
    "Attack": {"agent": "attacker", "patient": "target"},
    "Demonstrate": {"agent": "entity", "participant": "entity"},
    "Meet": {"agent": "entity", "patient": "entity", "participant": "entity"},
    "Phone-write": {"agent": "entity", "patient": "entity", "recipient": "entity"},
    "Start-position": {"agent": "entity", "patient": "person", "subject": "person"},
    "End-position": {"agent": "entity", "patient": "person", "subject": "person"},
    "Nominate": {"agent": "agent", "patient": "person"},
    "Elect": {"agent": "entity", "patient": "person", "subject": "person"},
    "Arrest-jail": {"agent": "agent", "patient": "person", "subject": "person"},
    "Release-parole": {"agent": "entity", "patient": "person"},
    "Execute": {"agent": "agent", "patient": "person"},
    "Extradite": {"agent": "agent", "patient": "person"},
    "Trial-hearing": {"agent": "adjudicator", "patient": "defendant", "subject": "defendant"},
    "Charge-indict": {"agent": "prosecutor", "patient": "defendant"},
    "Sue": {"agent": "plaintiff", "patient": "defendant"},
    "Convict": {"agent": "adjudicator", "patient": "defendant"},
    "Sentence": {"agent": "adjudicator", "patient": "defendant"},
    "Fine": {"agent": "adjudicator", "patient": "entity"},
    "Acquit": {"agent": "adjudicator", "patient": "defendant"},
    "Appeal": {"agent": "plaintiff", "subject": "plaintiff"},
    "Pardon": {"agent": "adjudicator", "patient": "defendant"},
}
"""ACE type -> the parse's part -> the ACE role. Parts: ``agent`` (the active subject),
``patient`` (the object or passive subject), ``recipient`` (a ``to`` phrase or dative),
``participant`` (a ``with``/``between`` phrase, or "the two leaders"), ``subject`` (the subject
of an intransitive use: "Kim died", "he resigned"), ``mover`` (the subject of a verb that moves
something else: "troops were deployed by ...")."""

SYMMETRIC: Final = frozenset({"Meet", "Phone-write", "Demonstrate", "Marry", "Divorce"})
"""Types whose people all play the same role, found by ``with``/``between`` too."""

INTRANSITIVE: Final = frozenset(
    {
        *("die", "perish", "drown", "arrive", "travel", "return", "depart", "flee", "escape"),
        *("resign", "quit", "retire", "bankrupt", "collapse", "migrate", "land", "undock"),
        *("appeal", "protest", "demonstrate", "rally", "march", "dock", "visit", "tour"),
        *("step", "become", "emigrate", "withdraw", "appear", "surrender", "lose"),
        *("go", "come", "move", "head", "leave", "enter", "cross", "walk", "sail", "drive"),
        *("ride", "reach", "sneak", "rush", "board", "pull"),
    }
)
"""Verbs whose subject is the one it happens to (part ``subject``), not an agent."""


ACE_ROLES: Final = frozenset(
    {
        *("victim", "instrument", "person", "artifact", "vehicle", "origin", "destination"),
        *("buyer", "seller", "beneficiary", "price", "giver", "money", "org", "attacker"),
        *("target", "entity", "position", "crime", "defendant", "prosecutor", "adjudicator"),
        *("plaintiff", "sentence"),
    }
)
"""Roles the parse can name directly (a ``for`` phrase is the crime of a Sentence): kept as
they are."""
PENALTY_PREPOSITIONS: Final = frozenset({"to"})
"""``sentenced to death``: the penalty."""
CRIME_PREPOSITIONS: Final = frozenset({"for", "over", "with"})
"""``arrested for murder``, ``charged with fraud``: the crime (Justice types)."""
COURT_VERBS: Final = frozenset(
    {"reject", "uphold", "hear", "dismiss", "grant", "overturn", "consider", "allow", "quash"}
)
"""Verbs whose subject rules on the Justice noun they govern ("the court rejected an
appeal"): the adjudicator."""
PLACE_NOUNS: Final = frozenset(
    {
        *("village", "town", "city", "suburb", "capital", "province", "region", "district"),
        *("area", "street", "road", "highway", "border", "camp", "base", "port", "airport"),
        *("station", "hospital", "prison", "jail", "court", "courthouse", "building", "house"),
        *("home", "office", "school", "embassy", "hotel", "market", "mosque", "church"),
        *("temple", "parlour", "parlor", "restaurant", "bar", "club", "mine", "factory"),
        *("farm", "beach", "coast", "island", "valley", "mountain", "river", "field", "stadium"),
        *("palace", "compound", "facility", "centre", "center", "scene", "site", "cave"),
        *("headquarters", "tunnel", "park", "square", "venue", "plant", "checkpoint", "zone"),
        *("territory", "country", "hideout", "hill", "gorge", "bridge", "residence", "ward"),
        *("location",),
    }
)
"""Kinds of place: "in the village", "at a hospital" say where even with no place entity."""
FORCES: Final = frozenset(
    {
        *("police", "army", "troops", "soldier", "rebel", "militant", "guerrilla"),
        *("insurgent", "gunman", "force", "militia", "navy", "commando"),
    }
)
"""Who carries out a raid or an arrest when named before it ("a police raid")."""
BIRTH_OBJECTS: Final = frozenset({"baby", "child", "daughter", "son", "girl", "boy", "twin"})
"""What "delivered" bears: then a birth, not a delivery of goods."""


def ace_role(kind: str, part: str, lemma: str) -> str:
    """The ACE role of a participant found in ``part`` of an event of type ``kind`` triggered
    by ``lemma``; the part itself when the type has no table (a configured type) or the part
    is already an ACE role."""
    table = ROLE_OF.get(kind)
    if table is None or part in ACE_ROLES:
        return part
    if kind == "Transfer-ownership" and lemma in GIVING:
        table = {**table, "agent": "seller"}
    if kind == "Transport" and part == "agent" and lemma in TRANSITIVE_MOTION:
        return "agent"
    if kind == "Elect" and lemma in ("contest", "win") and part == "agent":
        return "person"  # the candidate
    if kind == "Transfer-money" and lemma == "fund" and part == "patient":
        return "recipient"  # what is funded
    if kind == "Transfer-money" and lemma in TAKING_MONEY and part == "agent":
        return "recipient"  # "AMP will raise $750 million": AMP gets it
    return table.get(part) or table.get("agent") or part
