"""Only a spelling correction or a spacing change may go live without a clinician."""

import pytest

from editorial.small_fixes import refusal

SITE_WORDS = frozenset({"kyphoplasty", "vertebroplasty", "sacroplasty", "nucleoplasty"})

MEANING_CHANGES = [
    # Prefixes that turn a word around.
    ("An overdose is most likely.", "An overdose is most unlikely."),
    ("Bleeding is common.", "Bleeding is uncommon."),
    ("It is safe to drive.", "It is unsafe to drive."),
    ("The risk is significant.", "The risk is insignificant."),
    ("This treatment is effective.", "This treatment is ineffective."),
    ("Continue your blood thinner.", "Discontinue your blood thinner."),
    ("The numbness is usual.", "The numbness is unusual."),
    ("Your doctor will agree.", "Your doctor will disagree."),
    ("The cement is able to leak.", "The cement is unable to leak."),
    # Numbers, in figures and in words.
    ("Do not drive for six hours.", "Do not drive for sixty hours."),
    ("Do not drive for 24 hours.", "Do not drive for 48 hours."),
    ("Rest for one day.", "Rest for two days."),
    ("About 1 in 100 people.", "About 1 in 10 people."),
    ("Take two tablets.", "Take ten tablets."),
    ("It takes an hour.", "It takes four hours."),
    # Antonyms and opposites.
    ("Pain may increase.", "Pain may decrease."),
    ("Stop eating before the procedure.", "Stop eating after the procedure."),
    ("Call us if the pain gets worse.", "Call us if the pain gets better."),
    ("Lie on your back.", "Lie on your front."),
    ("Most people go home the same day.", "Few people go home the same day."),
    ("You may eat.", "You must eat."),
    ("Always take it with food.", "Never take it with food."),
    ("The risk is low.", "The risk is high."),
    # Negations added or removed.
    ("Do not drive.", "Do drive."),
    ("Do drive.", "Do not drive."),
    ("Do not drive.", "Do now drive."),
    ("You can stop it.", "You can't stop it."),
    ("Do nt drive.", "Do not drive."),  # a misspelling, corrected into a negation
    # Units and medicines.
    ("Take 5 mg.", "Take 5 g."),
    ("Wait 2 weeks.", "Wait 2 days."),
    ("Walk 100 feet.", "Walk 100 yards."),
    ("Take acetaminophen.", "Take ibuprofen."),
    ("This is a kyphoplasty.", "This is a vertebroplasty."),
    # Words added or removed, and punctuation that changes the reading.
    ("Walk each day.", "Walk gently each day."),
    ("Rest, then walk.", "Rest then walk."),
    ("Eat, and drink water.", "Eat; and drink water."),
    ("Do not eat. Drink.", "Do not eat drink."),
    # A misspelling "corrected" into something other than its correction.
    ("Ask about your blod thinners.", "Ask about your bold thinners."),
    ("You will recieve a call.", "You will relieve a call."),
    # A change of capitals is a change of word.
    ("Rest for a day, then walk.", "Rest for a day, Then walk."),
]


@pytest.mark.parametrize(("old", "new"), MEANING_CHANGES)
def test_it_refuses_every_change_of_meaning(old, new):
    assert refusal(old, new, known_words=SITE_WORDS) is not None


def test_the_list_tries_at_least_thirty_meaning_changes():
    assert len(MEANING_CHANGES) >= 30


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("You may feel the anesthtic work.", "You may feel the anesthetic work."),
        ("You will recieve a call.", "You will receive a call."),
        ("Ask about your blod thinners.", "Ask about your blood thinners."),
        ("It happens ocasionally.", "It happens occasionally."),
        ("Keep the two seperate.", "Keep the two separate."),
        ("Your kyphoplsty takes an hour.", "Your kyphoplasty takes an hour."),
        ("Rest for a day,  then walk.", "Rest for a day, then walk."),
        ("Rest.\nWalk.", "Rest.\n\nWalk."),
    ],
)
def test_it_lets_through_real_typo_fixes_and_spacing(old, new):
    assert refusal(old, new, known_words=SITE_WORDS) is None


def test_a_site_word_counts_as_correctly_spelled():
    # Without the site's words, "kyphoplasty" is not a word the checker knows.
    assert refusal("Your kyphoplsty.", "Your kyphoplasty.") is not None
    assert refusal("Your kyphoplsty.", "Your kyphoplasty.", known_words=SITE_WORDS) is None


def test_the_refusal_says_why():
    assert "real word" in refusal("It is likely.", "It is unlikely.")
    assert "added or removed" in refusal("Walk.", "Walk slowly.")
    assert "numbers" in refusal("Wait 2 weeks.", "Wait 3 weeks.")
    assert "suggests “receive”" in refusal("You recieve it.", "You relieve it.")
