"""Word lists for the built-in answer scorer.

The logic lives in ``scorer.py``, ``scoring_features.py`` and ``scoring_feedback.py``.

Phrases are lower case and match on word boundaries. The lists favour words that mean the
same in any job, so a nurse's or a product manager's answer is read as fairly as an
engineer's: the story cues are about time, goals, verbs and outcomes, not technology.
"""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that carry no topic: left out when comparing an answer with the question or posting.
STOPWORDS = _words(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each else
    etc ever every few for from further get gets getting got had has have having he her here
    hers him his how however i if in into is it its itself just let lets me more most much
    must my myself no nor not now of off on once one only or other our ours out over own
    quite rather really same she should so some still such than that the their them then
    there these they this those through to too under until up upon us very was we well were
    what when where which while who whom why will with within without would yes yet you your
    yours
    tell describe time example give walk explain approach handle handled situation share
    """
)

# Where and when the story happened, or what was wrong: the "situation".
SITUATION_CUES = (
    r"at my (?:last|previous|current|old|first) (?:\w+ )?(?:company|job|role|employer|team|"
    r"hospital|ward|unit|firm|school|agency)",
    r"(?:in|on|at) (?:my|a|one|our) (?:last|previous|former|earlier|past) \w+",
    r"at my (?:last|previous|current|old|first) \w+",
    r"last (?:year|month|quarter|week|spring|summer|autumn|fall|winter|season)",
    r"(?:a|two|three|few|several) (?:years|months|weeks) ago",
    r"during (?:a|an|the|my|our)",
    r"when (?:a|an|the|my|our|i|we|he|she|they)\b",
    r"(?:our|my|the) (?:team|company|client|customer|manager|director|unit|ward|product|"
    r"department|store|school|clinic|lead|boss)\b[^.]{0,60}\b(?:was|were|had|wanted|asked|"
    r"needed|joined|showed|struggled)",
    r"we (?:had|were|faced)",
    r"there (?:was|were)",
    r"(?:was|were) (?:struggling|failing|slipping|rising|falling|dropping|behind|late|"
    r"overloaded|down|slow|stuck)",
    r"(?:struggl|complain|deteriorat|disagre|conflict|outage|incident|backlog|deadline|"
    r"churn|escalat)\w*",
)

# What had to be achieved: the "task".
TASK_CUES = (
    r"(?:i|we) (?:was|were) (?:asked|tasked|hired|brought in|responsible|expected)",
    r"asked me to",
    r"(?:my|our|the) (?:goal|aim|task|job|brief|target|objective|mandate|responsibility|"
    r"challenge|priority) (?:was|is|became)",
    r"(?:i|we) (?:needed|had|wanted|set out|decided) to",
    r"(?:i|we) owned",
    r"responsible for",
    r"in charge of",
    r"(?:goal|target|deadline) of",
    r"so that",
    r"in order to",
)

# Verbs in the past tense that do not end in "-ed"; "-ed" verbs are recognised by shape.
IRREGULAR_PAST = _words(
    """
    began brought built bought caught chose came cut dealt did drew drove fed fought found gave
    got grew held hid hit kept laid led left lent made met paid put ran rang rewrote rebuilt
    read said sat saw sent set shook showed shown shut sold sought spent spoke split stood
    struck swept taught told took threw undid upheld won wrote
    """
)

# Past-tense words after "I" or "we" that describe a state or a wish, not something done.
NOT_ACTIONS = frozenset(
    {"needed", "wanted", "liked", "loved", "hoped", "seemed", "tried", "felt", "thought"}
    | {"knew", "meant", "believed", "guessed", "wished", "assumed", "supposed"}
)

# Adverbs that may sit between the subject and its verb ("I then called", "we quickly ...").
SUBJECT_ADVERBS = frozenset(
    {"also", "then", "first", "quickly", "immediately", "personally", "finally", "jointly"}
    | {"usually", "typically", "often", "next", "later", "together", "each"}
)

# Present-tense words after "I" that say what one thinks or is, not what one does.
NOT_PRESENT_ACTIONS = frozenset(
    {"am", "was", "have", "had", "do", "think", "believe", "guess", "feel", "know", "try"}
    | {"like", "love", "hope", "want", "need", "mean", "just", "always", "never", "really"}
    | {"can", "could", "should", "might", "must", "will", "may", "would", "is", "'m", "'ve"}
    | {"get", "see", "suppose", "prefer", "tend", "wish", "enjoy"}
)

# Verbs and phrases that say how things turned out: the "result".
RESULT_CUES = (
    r"(?:dropped|fell|rose|climbed|increased|decreased|reduced|cut|improved|grew|doubled|"
    r"halved|tripled|saved|lowered|raised|boosted|shrank|jumped|sped up|went (?:up|down|back))",
    r"(?:as a result|resulted in|led to|which meant|this meant|in the end|by the end|"
    r"afterwards|after that|since then|from then on|ever since|eventually|the outcome)",
    r"(?:shipped|launched|delivered|released|passed|renewed|won|closed|recovered|resolved|"
    r"fixed|adopted|approved|merged|discharged|promoted|exceeded|agreed)",
    r"(?:hit|met|beat|missed) (?:the|our|its|my|every|each) (?:\w+ )?(?:target|goal|deadline|"
    r"date|budget|sla|quota)s?",
    r"(?:now (?:runs|run|use|uses|is|are|has|have)|the team now|is still in use)",
)

# Vague outcomes: better than nothing, but an answer should say by how much.
VAGUE_RESULT_CUES = (
    r"(?:got|was|were|went|became|felt|seemed) (?:a lot |much |a bit |way )?(?:better|faster|"
    r"happier|happy|fine|good|great|ok|okay|smoother|easier)",
    r"(?:it|things|everything) (?:worked|went well|worked out)",
    r"(?:and|so) (?:it|they|the team) (?:used|liked|loved)",
)

# Numbers written as words; "one" is too common in ordinary prose to count.
NUMBER_WORDS = _words(
    """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred hundreds thousand thousands million millions billion half double twice dozen
    dozens zero
    """
)

# Units that make a figure a measurement: rates and sizes, then spans of time.
RATE_UNITS = r"%|percent|per cent|ms|milliseconds?|seconds?|points?|x|k"
TIME_UNITS = r"minutes?|hours?|days?|weeks?|months?"
# A measurement without a figure: "reduced ventilator days by about a day".
APPROXIMATE_MEASURE = (
    r"by (?:about |around |roughly |nearly |almost )?(?:a|an|half an?) "
    r"(?:day|week|hour|minute|month|third|quarter|half)"
)

# Credentials ("8 years of Python", "20 projects") are numbers, but not a measured outcome.
CREDENTIAL_NOUNS = (
    r"years?|projects?|clients?|countries|companies|roles?|jobs?|certifications?|"
    r"degrees?|languages?|people|teams?|employers?"
)

# Spans of time that anchor a story ("within a quarter", "on a night shift").
TIMEFRAME = (
    r"(?:within|over|in|after|for|before|by|during|across) (?:a|an|one|two|three|four|five|"
    r"six|\d+|the next|the first|the last|that|this) ?(?:minutes?|hours?|days?|weeks?|months?|"
    r"quarters?|years?|sprints?|shifts?|release|launch)",
    r"(?:last|next|that|the following|the next) (?:week|month|quarter|year|sprint|shift|day)",
    r"(?:night|day|weekend|morning|evening|late) shift",
    # A cadence is as concrete as a date: "a weekly one-to-one", "before every release".
    r"(?:hourly|daily|weekly|fortnightly|monthly|quarterly|yearly|annually)",
    r"every (?:day|morning|week|sprint|month|quarter|release|shift|round)",
    r"(?:a|one|two|three) (?:day|week|month|year)s? (?:later|earlier)",
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
    r"june|july|august|september|october|november|december|q[1-4])",
)

# People an answer can name by role; these read as specific in any profession.
ROLE_NOUNS = _words(
    """
    ceo cto cfo cmo coo vp director manager lead supervisor colleague customer client
    patient doctor physician surgeon intensivist nurse pharmacist consultant stakeholder
    stakeholders engineer developer designer analyst recruiter teacher student parent founder
    owner auditor regulator vendor supplier partner mentor mentee intern junior senior
    """
)

# Verbal filler; quoted back to the candidate when found.
FILLERS = (
    "um",
    "uh",
    "erm",
    "you know",
    "basically",
    "kind of",
    "sort of",
    "i guess",
    "i mean",
    "literally",
    "or whatever",
    "and stuff",
    "so yeah",
    "stuff like that",
)

# Weak commitment: not filler, but it makes the answer sound unsure.
HEDGES = ("probably", "maybe", "a bit", "somewhat", "i think", "i believe", "i feel like")

# Phrases that sound like an answer but say nothing about what the candidate did.
BUZZWORDS = (
    "synergy",
    "synergies",
    "leverage",
    "leveraging",
    "leveraged",
    "best practice",
    "best practices",
    "growth mindset",
    "empower",
    "empowering",
    "deliver value",
    "value add",
    "value-add",
    "fast-paced",
    "fast paced",
    "paradigm",
    "move the needle",
    "circle back",
    "outside the box",
    "game changer",
    "game-changer",
    "rockstar",
    "ninja",
    "results-driven",
    "team player",
    "self-starter",
    "go-getter",
    "hard worker",
    "detail-oriented",
    "win-win",
    "low-hanging fruit",
    "world-class",
    "cutting-edge",
    "alignment",
    "holistic",
    "passion",
    "passionate",
)

# Sweeping claims and self-praise standing in for an example.
PLATITUDES = (
    r"\bi (?:always|never)\b",
    r"\beveryone\b",
    r"\b(?:is|are) (?:really |very |so |super )?(?:important|key|crucial|essential|critical|"
    r"everything)\b",
    r"\b(?:is|are) (?:all )?about\b",
    r"\bi (?:just )?do what\b",
    r"\bi am (?:an? )?(?:expert|passionate|great|perfectionist|natural|strong)\b",
    r"\bmy (?:passion|strength|strengths)\b",
    r"\bwhatever it takes\b",
)


# Words that name the kind of thing a posting wants rather than a skill of its own.
GENERIC_SKILL_WORDS = _words(
    """
    skill experience strong excellent good solid knowledge ability work team year plus
    required preferred environment proven requirement responsibility qualification benefit
    role about nice must bonus tool
    """
)

# Endings the scorer's stemmer strips, longest first, so "assessments" meets "assessment".
SUFFIXES = (("ations", ""), ("ation", ""), ("ings", ""), ("ing", ""), ("ies", "y"))
SUFFIXES += (("ied", "y"), ("ed", ""), ("es", ""), ("s", ""), ("e", ""))

# Literal STAR labels; their text is removed before scoring so labels alone earn nothing.
# The label's name is group 1; a dash counts only when spaced, so "action-oriented" is no label.
STAR_HEADING = r"(?:^|(?<=[\s.;]))(situation|task|actions?|results?)\s*(?::|[-–—](?=\s))"

# Words of a question that say how to answer rather than what about ("Tell me about a time
# you ..., and how did you know it was working?"): they are no evidence of relevance.
QUESTION_WORDS = _words(
    """
    go went going make made making sure happen happened outcome result results turn turned
    know knew think thought look like way thing things something someone anything along
    did do would could expect expected typical real recent substantial whole
    """
)

# Sentences that would fit any answer to any question: a memorised, content-free story is
# made of sentences like these, and an answer nearest to them says nothing about this job.
GENERIC_SENTENCES = (
    "Our team was struggling with a difficult situation.",
    "I took ownership of the problem and made sure it was resolved.",
    "I communicated clearly with all the stakeholders involved.",
    "I set clear priorities and kept everyone aligned.",
    "We worked together as a team to find a solution.",
    "I stayed calm and professional under pressure.",
    "As a result we improved performance significantly.",
    "I learned a lot from the experience and I apply it every day.",
    "I always go above and beyond for the people I work with.",
    "I gathered all the information and approached it methodically.",
    "I listened to everyone's point of view and found a compromise.",
    "It was a challenging time but we delivered on time.",
    "I believe communication is the key to success.",
    "I am passionate about delivering excellent results.",
    "I made sure everything was working properly and shared what I learned.",
)
