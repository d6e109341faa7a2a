"""Emergency triage's wording rules (retrieval/triage.py), no model: red flags in everyday words, and a report of
one happening now told apart from a question that mentions it. See docs/TRIAGE.md."""

from __future__ import annotations

import re

import pytest

from retrieval.triage import (FLAGS_BY_KEY, HINDI_IN_LATIN, RED_FLAGS, SPANISH, TAGALOG, UNNAMED, find_mentions,
                              reports_present_state, triage)

# One report per red flag, in everyday words; each must be an emergency on its wording alone.
REPORTS = {
    "fever": "my wife is shivering and her temp is 38.6, she had her chemo on tuesday",
    "breathing": "I can't catch my breath walking to the bathroom since this morning",
    "chest_pain": "there's a heavy pressure in the middle of my chest and it's spreading to my jaw",
    "palpitations": "heart racing and lightheaded since this morning after my infusion",
    "vomiting_blood": "he just threw up what looks like coffee grounds",
    "bleeding": "my gums are still bleeding after 40 minutes of pressure",
    "blood_faint": "there was blood in my poo and now I feel faint",
    "fainting": "mum collapsed in the kitchen after her infusion",
    "confusion": "dad doesn't know where he is and keeps drifting off",
    "seizure": "my son had a seizure about five minutes ago",
    "vomiting_diarrhoea": "I've had diarrhoea 9 times since last night on capecitabine",
    "abdominal_pain": "severe pain in my stomach since this morning on chemo",
    "mouth_sores": "i have sores in my mouth and cant eat or drink",
    "urine": "I haven't been able to pee since yesterday afternoon",
    "jaundice": "his eyes have gone yellow and he's running a fever",
    "swelling": "her tongue is swelling up after the rituximab",
    "skin": "i got a rash all over after starting the new pill and my skin is peeling",
    "spinal_cord": "my back pain is worse and my legs feel numb and wobbly",
    "stroke": "her face is drooping on the left and her speech is slurred",
    "headache": "she's got a really bad headache and the light hurts her eyes, on treatment for leukemia",
    "self_harm": "I keep thinking I'd be better off dead",
    "overdose": "I accidentally took my whole week of tablets this morning",
    "rash_not_fading": "my daughter on chemo has a rash with purple spots that don't fade when I press them",
    "crs": "pt with grade 3 CRS post cilta-cel",
    "icans": "my dad had car-t last week and he cant write his name properly",
    "line_damage": "my daughter's central line came out",
    "head_injury": "my grandma on chemo fell and hit her head and is now sleepy",
    "high_blood_pressure": "my blood pressure is 190/120 on lenvima and I have a bad headache",
    "severe_toxicity": "pt on ipi/nivo with grade 3 colitis",
    "blood_sugar": "my blood sugar is 30 and I'm shaky, on steroids for chemo",
    "leg_clot": "my left calf has gone all swollen and hot since yesterday, just the one leg, on chemo",
    "line_clot": "my PICC arm has swollen up a lot since yesterday and my fingers are puffy",
}


def test_every_red_flag_has_a_report_example():
    assert set(REPORTS) == {flag.key for flag in RED_FLAGS if flag.urgent}


@pytest.mark.parametrize("key", REPORTS)
def test_a_report_in_everyday_words_is_urgent(key):
    assert triage(REPORTS[key]).urgent.key == key


# Case-sensitive words in the flags (ANC, Hb, SOB, CRS, K+) beside their everyday lookalikes, and a sentence that
# is not ASCII (only ASCII is lowered for the quick test: re.I finds "seizure" in "ſeizure", whose long s no
# lowering changes).
CASES = [*REPORTS.values(), "ANC 300 and febrile", "anc 300", "Hb 6.5 and breathless", "pt now SOB at rest",
         "she started to sob", "K+ 6.8 in pt with TLS", "grade 3 CRS post cilta-cel",
         "my son had a ſeizure five minutes ago"]


@pytest.mark.parametrize("sentence", [case for text in CASES for case in (text, text.upper(), text.title())])
def test_a_flag_is_found_where_its_pattern_finds_it_in_any_case(sentence):
    for flag in RED_FLAGS:
        found, expected = flag.search(sentence), flag.pattern.search(sentence)
        assert (found and found.span()) == (expected and expected.span()), flag.key


@pytest.mark.parametrize("question", [
    "can oxaliplatin cause chest pain?",
    "is bleeding gums a side effect of ibrutinib",
    "how common are seizures on ifosfamide",
    "what should I do if I get a fever after chemo?",
    "when should I ring the chemo line about diarrhoea?",
    "what does febrile neutropenia mean",
    "seizures from temozolomide possible?",
    "Is a high temperature during chemo dangerous?",
])
def test_a_question_that_mentions_a_red_flag_is_not_urgent_but_mentions_it(question):
    result = triage(question)
    assert result.urgent is None and result.mentioned is not None


def test_a_state_inside_a_conditional_is_not_a_report():
    assert not reports_present_state("the leaflet says to call if I can't pass urine")


def test_a_long_past_event_is_not_a_report():
    assert triage("My dad had a stroke ten years ago, can he have Keytruda?").urgent is None
    assert triage("my aunt died of sepsis during chemo, how common is that").urgent is None


def test_a_negated_red_flag_is_not_mentioned():
    assert find_mentions("no fever, no chest pain, just tired after my infusion") == []


def test_a_fever_needs_treatment_a_temperature_or_rigors_to_be_urgent():
    assert triage("I think I have a fever").urgent is None
    assert triage("I think I have a fever", context="I had my second cycle of FOLFOX on Monday").urgent.key == "fever"
    assert triage("running a fever of 38.9").urgent.key == "fever"


def test_vomiting_needs_to_be_severe_or_lasting_to_be_urgent():
    assert triage("I was sick once after my infusion").urgent is None
    assert triage("I can't keep even sips of water down since yesterday").urgent.key == "vomiting_diarrhoea"
    assert triage("i'm so weak i can't get out of bed and keep throwing up").urgent.key == "vomiting_diarrhoea"
    assert triage("does chemo make you keep throwing up?").urgent is None


def test_being_confused_by_information_is_not_a_red_flag():
    assert triage("I'm confused about which lymphoma R-CHOP is approved for").urgent is None
    assert triage("lowkey confused, is opdivo the same as keytruda or nah").urgent is None
    assert triage("my husband is confused and very sleepy tonight").urgent.key == "confusion"
    assert triage("pt confused, is that from ifosfamide?").urgent.key == "confusion"


def test_not_knowing_what_to_do_is_no_confusion():
    assert triage("I'm scared. I was just diagnosed with leukaemia and don't know what to do").urgent is None
    assert triage("mum just got diagnosed and doesn't know where to turn").urgent is None
    assert triage("she doesn't know where she is and is on chemo").urgent.key == "confusion"


@pytest.mark.parametrize("message", ["we are ending things with the old oncologist, is Keytruda approved for "
                                     "lung cancer?",
                                     "I want to disappear from social media while on chemo",
                                     "I don't wanna be here for the infusion, it's boring"])
def test_ending_a_relationship_leaving_social_media_or_a_boring_infusion_is_no_self_harm(message):
    assert triage(message).urgent is None


def test_a_suspected_clot_alone_gets_a_note_not_an_emergency():
    for message in ("I think I have a blood clot in my calf",
                    "I've got a pain in my calf and it's swollen and red, on tamoxifen",
                    "my leg is swollen, red and warm on tamoxifen",
                    "my leg is twice the size of the other one since yesterday",
                    "her left calf is much bigger than the other and sore"):
        result = triage(message)
        assert result.urgent is None and result.mentioned.key == "blood_clot", message


def test_an_arm_bigger_than_before_the_gym_is_no_clot():
    assert triage("his arm is way bigger than before he started the gym").mentioned is None


def test_a_racing_heart_alone_gets_a_note_and_with_dizziness_is_an_emergency():
    alone = triage("my heart keeps skipping beats and fluttering, should i be worried")
    assert alone.urgent is None and alone.mentioned.key == "palpitations"
    assert triage("my pulse is 150 and I feel dizzy").urgent.key == "palpitations"


@pytest.mark.parametrize("report", ["I'm not coping, i've been thinking of ending it",
                                    "i want to go to sleep and not wake up", "i just want it all to stop"])
def test_wanting_it_over_in_everyday_words_is_a_self_harm_emergency(report):
    assert triage(report).urgent.key == "self_harm"


def test_ending_it_with_someone_or_wanting_the_pain_to_stop_is_not_self_harm():
    assert triage("I'm ending it with my boyfriend").mentioned is None
    assert triage("I want the pain to stop").mentioned is None


def test_mouth_sores_are_urgent_only_when_eating_or_drinking_is_impossible():
    assert triage("Mum has awful mouth sores and isn't eating much").urgent is None
    assert triage("his mouth is so raw he can't swallow water since yesterday").urgent.key == "mouth_sores"


def test_skin_peeling_in_one_place_is_no_skin_emergency():
    assert triage("the skin on my hands and feet is peeling from capecitabine").urgent is None
    assert triage("my skin is peeling where they did the radiation").urgent is None
    assert triage("my skin is blistering and peeling off after starting lamotrigine").urgent.key == "skin"


@pytest.mark.parametrize("report", ["my kid ate some of my chemo pills", "my 2 year old swallowed a few of my tablets",
                                    "I can barely breathe when I walk to the bathroom"])
def test_a_child_at_the_pills_or_barely_breathing_is_urgent(report):
    assert triage(report).urgent is not None


def test_asking_whether_to_go_to_the_er_if_a_fever_comes_is_a_question():
    asked = triage("should i go to the ER if I get a fever during chemo")
    assert asked.urgent is None and asked.mentioned.key == "fever"
    assert triage("I've been shivering all day after chemo, should I go to the ER if it gets worse?").urgent.key == "fever"


@pytest.mark.parametrize("report", ["the nurse said call if over 100.4 and it's 100.8 now",
                                    "they told me to call if my temp goes over 100.4, it's 100.6 now, should I call?",
                                    "he's at 38.4 and on chemo"])
def test_a_temperature_read_out_now_is_a_fever_though_the_instruction_is_a_conditional(report):
    assert triage(report).urgent.key == "fever"


@pytest.mark.parametrize("message", ["call if it's 100.5 or more?", "if it hits 38.5 do I go in?",
                                     "the fridge is at 38.4", "she's at 38.5 weeks"])
def test_a_threshold_asked_about_or_a_number_that_is_no_temperature_is_no_fever_report(message):
    assert triage(message).urgent is None


@pytest.mark.parametrize(("report", "key"), [("I keep seeing double since this morning", "stroke"),
                                           ("he suddenly lost vision in his left eye an hour ago", "stroke"),
                                           ("I've got a rash all over and it's blistering", "skin"),
                                           ("pt hypotensive 80/50 after rituximab infusion, flushed", "fainting"),
                                           ("my bp is 85/60 and I feel dizzy, had chemo yesterday", "fainting"),
                                           ("pt rigoring in the chair during infusion", "fever"),
                                           ("I've got bad pains in my chest when I breathe in", "chest_pain"),
                                           ("I can't swallow my own spit", "swelling"),
                                           ("cant stop shaking and teeth chattering after chemo", "fever"),
                                           ("i have a rash all over my body with blisters after a new chemo", "skin"),
                                           ("i think i took my xeloda twice this morning", "overdose"),
                                           ("i feel like giving up, nothing matters anymore", "self_harm"),
                                           ("he's acting drunk but hasn't had any alcohol, on chemo", "confusion"),
                                           ("my husband is acting really strange and talking to people who arent "
                                            "there", "confusion"),
                                           ("dad is breathing really weird and making gurgling noises", "breathing"),
                                           ("my mouth is so sore i can't eat or drink anything", "mouth_sores"),
                                           ("throwin up since sat cant even keep water down on chemo",
                                            "vomiting_diarrhoea"),
                                           ("My son don't make pee since yesterday evening, he receive the cisplatin",
                                            "urine"),
                                           ("my husband's got a nosebleed that won't quit and his platelets are low",
                                            "bleeding"),
                                           ("my dad hasn't opened his eyes all morning", "fainting"),
                                           ("im so dizzy i cant stand up", "fainting"),
                                           ("he can't stand up, he's so dizzy", "fainting"),
                                           ("he is breathing slow and shallow", "breathing"),
                                           ("i'm really struggling and have been thinking of ending things",
                                            "self_harm"),
                                           ("i feel so hopeless i just want to disappear", "self_harm"),
                                           ("dont wanna be here anymore gonna take all my pills tonite", "self_harm"),
                                           ("my daughter feels hot and she had chemo yesterday", "fever"),
                                           ("my son has a temperature and his port site is red", "fever"),
                                           ("my 5 year old on chemo is really floppy", "confusion"),
                                           ("she's covered in tiny red dots and bruises, on chemo", "rash_not_fading"),
                                           ("he is coughing up pink frothy stuff", "breathing"),
                                           ("i haven't had a bowel movement in a week and i'm throwing up",
                                            "vomiting_diarrhoea"),
                                           ("her belly is super swollen and hard and she's in agony",
                                            "abdominal_pain")])
def test_reports_of_red_flags_in_words_the_patterns_missed_before_are_urgent(report, key):
    assert triage(report).urgent.key == key


def test_double_vision_asked_about_or_long_standing_gets_a_note_only():
    for message in ("is double vision a side effect of ipilimumab?", "I've had double vision since my stroke 5 years ago"):
        assert triage(message).urgent is None and triage(message).mentioned.key == "stroke"


def test_a_red_flag_weeks_past_that_the_writer_says_is_over_is_no_emergency():
    assert triage("I had a high fever 2 weeks ago on chemo but I'm fine now. Is Opdivo approved for kidney cancer?"
                  ).urgent is None
    assert triage("fever last week, I'm okay now but my temp is 38.5 again, I'm on chemo").urgent.key == "fever"
    assert triage("I started chemo 2 weeks ago and now I have a fever of 39").urgent.key == "fever"


def test_a_normal_blood_pressure_or_hypotension_asked_about_is_no_emergency():
    assert triage("bp 120/80 today, what is keytruda for?").urgent is None
    assert triage("does rituximab cause hypotension?").urgent is None


def test_a_red_or_leaking_port_site_gets_a_note_not_an_emergency():
    result = triage("my port site is red, swollen and oozing pus")
    assert result.urgent is None and result.mentioned.key == "line_infection"


@pytest.mark.parametrize("report", ["the IV site where my chemo went in is swollen and burning",
                                    "the site where the chemo went in is red and blistering", "my cannula is red and sore",
                                    "my arm is swollen and red where the iv was"])
def test_a_sore_or_blistering_drip_site_gets_the_line_site_note(report):
    result = triage(report)
    assert result.urgent is None and result.mentioned.key == "line_infection"


@pytest.mark.parametrize("message", ["I have taken my Xeloda twice daily for 2 weeks", "I take it twice a day as told",
                                     "does it matter if I give up on chemo?", "can I get drunk on chemo?",
                                     "nothing matters more than my family, what is Keytruda for?",
                                     "just found out I have ovarian cancer and I can't stop shaking"])  # shock
def test_a_dose_taken_as_prescribed_a_treatment_choice_or_a_figure_of_speech_is_no_emergency(message):
    assert triage(message).urgent is None


@pytest.mark.parametrize("message", ["I have a headache", "mild headache after my infusion, is that normal?",
                                     "I had a bad headache yesterday but it's gone",
                                     "my headache is really bad today"])  # severe, but nothing that makes it urgent
def test_a_headache_without_danger_signs_is_no_emergency(message):
    assert triage(message).urgent is None


@pytest.mark.parametrize(("report", "key"), [
    ("mi esposo tiene fiebre de 39 y escalofríos después de la quimio", "fever"),
    ("tengo fiebre de 38.5 después de la quimio, ¿qué hago?", "fever"),
    ("mi mamá no puede respirar bien desde anoche", "breathing"),
    ("me duele mucho el pecho", "chest_pain"),
    ("mi papá se desmayó en el baño después de la infusión", "fainting"),
    ("la nariz no para de sangrar desde hace una hora", "bleeding"),
    ("quiero morirme, ya no puedo más", "self_harm"),
])
def test_a_report_in_spanish_is_urgent(report, key):
    assert triage(report).urgent.key == key


def test_every_spanish_entry_belongs_to_a_red_flag_that_can_use_it():
    for key, (_, needs) in SPANISH.items():
        assert key in FLAGS_BY_KEY and (needs is None or FLAGS_BY_KEY[key].needs is not None), key


def test_a_question_or_a_denial_in_spanish_is_no_emergency():
    asked = triage("¿es normal tener fiebre después de la quimio?")
    assert asked.urgent is None and asked.mentioned.key == "fever"
    assert triage("no tengo fiebre pero estoy cansada").mentioned is None


def test_the_classifier_settles_a_red_flag_statement_but_not_a_question():
    statement = "chest pain after the infusion, is that a side effect?"
    assert triage(statement, urgent_probability=0.0).urgent is None
    assert triage(statement, urgent_probability=0.7).urgent.key == "chest_pain"
    assert triage("is an odd feeling in the chest a side effect of Herceptin?", urgent_probability=0.99).urgent is None


@pytest.mark.parametrize(("report", "key"), [("vomiting blood, is that bad", "vomiting_blood"),
                                           ("chest pain after the infusion, is that normal?", "chest_pain"),
                                           ("high fever, is that normal on chemo", "fever"),
                                           ("my dad is vomiting blood, is that bad", "vomiting_blood")])
def test_a_complaint_that_opens_the_sentence_and_is_then_asked_about_is_a_report(report, key):
    assert triage(report, urgent_probability=0.0).urgent.key == key


@pytest.mark.parametrize("question", ["is vomiting blood bad?", "what if I get a fever, is that bad?",
                                      "fever after the flu shot, is that normal?", "mild nausea, is that normal?"])
def test_a_complaint_asked_about_as_a_topic_or_not_urgent_enough_is_no_report_of_an_emergency(question):
    assert triage(question, urgent_probability=0.0).urgent is None


def test_a_confident_classifier_catches_a_report_no_pattern_knows():
    report = "something is really wrong with my dad, he went grey and is breathing weird after his chemo"
    assert triage(report, urgent_probability=0.95).urgent is not None
    assert triage("what are the signs that something is wrong after chemo", urgent_probability=0.95).urgent is None
    assert triage("my mum is worried about her next scan", urgent_probability=0.5).urgent is None
    assert UNNAMED.note_name


@pytest.mark.parametrize("report", ["I have a cough", "my back hurts", "i can't sleep", "I have a really bad cough",
                                    "my throat is really sore", "my headache is really bad today"])
def test_an_everyday_complaint_is_no_emergency_though_the_classifier_hears_it_as_urgent(report):
    assert triage(report, urgent_probability=0.97).urgent is None


@pytest.mark.parametrize("report", ["mums gone a funny colour and just isnt right",
                                    "she's gone really pale and clammy and sweaty",
                                    "my dad has been off since this morning and is getting worse",
                                    "he hasn't eaten or drunk anything in two days"])
def test_a_report_no_pattern_knows_is_an_emergency_to_a_confident_classifier_when_something_in_it_alarms(report):
    assert triage(report, urgent_probability=0.95).urgent is UNNAMED


def test_a_red_flag_denied_and_the_rest_played_down_is_no_unnamed_emergency():
    assert triage("no fever, just tired", urgent_probability=0.9).urgent is None
    assert triage("no chest pain, only a bit achy after keytruda", urgent_probability=0.9).urgent is None
    assert triage("no fever but I'm really confused and can't stand up", urgent_probability=0.9).urgent is UNNAMED


def test_asking_whether_a_red_flag_can_wait_reports_it_unless_it_is_supposed():
    assert triage("is it safe to wait until morning with a fever of 39 on chemo?").urgent.key == "fever"
    assert triage("if I get a fever on chemo can it wait until morning?").urgent is None


def test_an_if_that_frames_what_is_happening_reports_it_and_one_that_supposes_does_not():
    assert triage("what does it mean if I'm coughing up blood on keytruda, is it safe").urgent.key == "vomiting_blood"
    assert triage("what do I do if I get a fever on chemo?").urgent is None
    assert triage("what should I do if I'm going to have chemo and get a fever?").urgent is None


@pytest.mark.parametrize("report", ["my poo is red", "pooping blood while on chemo is that normal",
                                    "there's blood when I wipe"])
def test_blood_in_the_stool_gets_the_bleeding_note(report):
    assert triage(report).mentioned.key == "blood_faint"


@pytest.mark.parametrize("report", ["my poo is red and I feel faint", "pooping blood and I feel faint"])
def test_blood_in_the_stool_with_faintness_is_urgent(report):
    assert triage(report).urgent.key == "blood_faint"


@pytest.mark.parametrize("report", ["he is coughing up blood", "coughin up blood lots of it", "she spat up blood"])
def test_bringing_up_blood_is_urgent_with_or_without_up(report):
    assert triage(report).urgent.key == "vomiting_blood"


def test_a_seizure_medicine_or_history_is_not_a_seizure_now():
    assert triage("NED now and off all my seizure meds, can I drive?").urgent is None


def test_getting_confused_by_reading_is_not_a_red_flag():
    assert triage("Ive been googling R-CHOP but get confused").mentioned is None


@pytest.mark.parametrize("report", [
    "two questions: what is Lynparza approved for, and should I worry that I've vomited blood twice this morning?",
    "what is Xeloda for, also I've had diarrhea 8 times today and I feel faint",
    "Is confusion a side effect? My husband hasn't recognised me for the last hour.",
])
def test_a_report_after_a_question_or_beside_one_is_urgent(report):
    assert triage(report).urgent is not None


@pytest.mark.parametrize("report", [
    "My wife after the injection, her face and the lips is become big",
    "I make black stool since morning and I feel I will fall down, very dizzy",
    "The blood from my nose not stop since one hour",
    "I've got pills saved up and I keep thinking about taking them all tonight",
    "I just want someone to know, I've written the goodbye letters",
    "mum took her whole week of chemo tablets at once this morning",
    "my port insert site is bleeding and won't stop",
    "I can't prevent the bleeding, it won't stop since an hour",
])
def test_reports_in_plain_or_second_language_words_are_urgent(report):
    assert triage(report).urgent is not None


@pytest.mark.parametrize("question", [
    "recommended premeds for paclitaxel to prevent anaphylaxis",
    "Mum read the leaflet and now she's terrified because it mentions seizures. How common is that?",
    "what should I do if I get a fever tonight?",
])
def test_a_red_flag_read_about_prevented_or_supposed_is_not_urgent(question):
    assert triage(question).urgent is None


@pytest.mark.parametrize("message", [
    "I keep thinking about losing my hair and it makes me sob",
    "I feel like I can't breathe when I think about more treatment (I'm okay, it's just anxiety)",
    "I'm breathing fine right now, honestly, I just went down a rabbit hole.",
    "I looked it up and got more confused.",
    "a girl in my group said she fainted once. im good, just curious",
    "The nurse said to watch my dad for confusion and to call if it happens.",
    "Subject: follow-up on chest pain question",
])
def test_figures_of_speech_other_peoples_stories_and_watch_lists_are_not_urgent(message):
    assert triage(message).urgent is None


@pytest.mark.parametrize("report", ["i want to kil myself i cant do this keemo no more", "pt now SOB on 2L",
                                    "mum went down in the kitchen and hit her head"])
def test_misspelt_or_clinical_reports_are_urgent(report):
    assert triage(report).urgent is not None


def test_the_classifier_does_not_make_a_long_past_event_an_emergency():
    message = "Had a seizure 3 years ago when my brain mets were found. Does that mean I can never drive again?"
    assert triage(message, urgent_probability=0.7).urgent is None
    assert triage("dad coughed up blood once back in 2022, before he was diagnosed", urgent_probability=0.7).urgent is None


@pytest.mark.parametrize(("question", "key"), [("ifosfamide seizure risk", "seizure"),
                                               ("Pt had hematuria 2 yrs ago on cyclophosphamide, resolved", "blood_faint"),
                                               ("Had a patient seize during high-dose methotrexate last month", "seizure")])
def test_a_red_flag_asked_about_or_long_past_gets_its_note(question, key):
    result = triage(question)
    assert result.urgent is None and result.mentioned.key == key


def test_seizing_now_is_a_seizure():
    assert triage("my son is seizing right now").urgent.key == "seizure"


def test_a_past_complaint_said_to_be_over_is_no_emergency_even_to_a_confident_classifier():
    assert triage("my mom had a bad stomach ache last week but she's fine now", urgent_probability=0.95).urgent is None
    assert triage("she's better now but her temp is 39 after chemo", urgent_probability=0.95).urgent.key == "fever"


@pytest.mark.parametrize("turn", ["what should I do", "is this an emergency?", "should we go to the ER?"])
def test_asking_what_to_do_after_reporting_a_red_flag_is_still_an_emergency(turn):
    assert triage(turn, context="my husband has a fever of 39 after chemo").urgent.key == "fever"
    assert triage(turn, context="what is Keytruda approved for?").urgent is None


@pytest.mark.parametrize("report", ["ANC 200 and febrile", "my son is burning up and has leukemia"])
def test_a_fever_with_low_counts_or_a_blood_cancer_is_urgent(report):
    assert triage(report).urgent.key == "fever"


@pytest.mark.parametrize("report", ["my eyes and skin are yellow", "today hes very yellow in the eyes, is that normal",
                                    "my skin is yellow, im on chemo"])
def test_yellowing_without_a_fever_gets_the_jaundice_note(report):
    result = triage(report)
    assert result.urgent is None and result.mentioned.key == "jaundice"


@pytest.mark.parametrize("report", ["he's getting really yellow, eyes and skin, on keytruda",
                                    "yellow eyes and dark pee since starting keytruda",
                                    "my eyes look a bit yellow, im on opdivo"])
def test_yellowing_on_a_checkpoint_inhibitor_is_urgent(report):
    # immune hepatitis shows first as yellow eyes or dark urine, fever or not
    assert triage(report).urgent.key == "jaundice"


def test_asking_about_yellow_eyes_on_a_checkpoint_inhibitor_gets_the_note():
    result = triage("can keytruda make your eyes go yellow?")
    assert result.urgent is None and result.mentioned.key == "jaundice"


@pytest.mark.parametrize("message", ["the pill looks yellow now, is it the same drug?", "my pee looks yellow",
                                     "I don't pee much at night, is that normal?"])
def test_a_yellow_pill_or_passing_less_urine_at_night_is_no_red_flag(message):
    result = triage(message)
    assert result.urgent is None and result.mentioned is None


@pytest.mark.parametrize("message", ["I'm having hot flashes on tamoxifen, is that normal?",
                                     "it's really hot in the infusion room, can I bring a fan",
                                     "my hands feel hot after the chemo, is that hand-foot syndrome?",
                                     "I'm a bit lethargic since chemo"])
def test_hot_flashes_a_hot_room_hot_hands_or_a_bit_lethargic_are_no_red_flag(message):
    result = triage(message)
    assert result.urgent is None and result.mentioned is None


def test_a_rash_asked_about_in_general_gets_a_note_only():
    result = triage("what does it mean if a rash doesn't fade when you press it?")
    assert result.urgent is None and result.mentioned.key == "rash_not_fading"


@pytest.mark.parametrize("report", ["I can't feel my legs", "dad cant move his legs since this morning",
                                    "her legs are paralysed all of a sudden",
                                    "my legs gave out and now I can't stand up, I have cancer in my spine",
                                    "numbness in both legs and I can't control my bladder"])
def test_legs_that_will_not_move_or_feel_are_a_spinal_cord_emergency_without_back_pain(report):
    assert triage(report).urgent.key == "spinal_cord"


@pytest.mark.parametrize("message", ["I can't feel my feet since chemo", "is it normal that i cant feel my toes on taxol",
                                     "my son can't control his bladder at night",
                                     "I couldn't feel my legs after the epidural last year"])
def test_numb_feet_or_toes_a_wet_bed_or_an_old_epidural_are_no_spinal_cord_emergency(message):
    assert triage(message).urgent is None


@pytest.mark.parametrize("report", ["my grandma fell and now she won't get up", "she fell and can't get up off the floor",
                                    "I'm so dizzy I keep falling over"])
def test_a_fall_with_no_getting_up_or_dizziness_that_keeps_knocking_someone_over_is_a_collapse(report):
    assert triage(report).urgent.key == "fainting"


def test_a_fall_that_is_over_or_a_scraped_knee_is_no_collapse():
    assert triage("I fell last week but I'm fine, is Ibrance approved for men").urgent is None
    assert triage("i fell over and scraped my knee, can i still have my infusion").urgent is None


@pytest.mark.parametrize("report", ["I have a really high fever and a bad rash", "my daughter has a very high fever"])
def test_a_fever_with_a_rash_or_called_very_high_is_urgent_without_treatment_named(report):
    assert triage(report).urgent.key == "fever"


def test_a_mild_fever_or_a_question_about_fever_and_rash_is_not_urgent():
    assert triage("i have a mild fever").urgent is None
    assert triage("is a rash and fever a side effect of keytruda").urgent is None


@pytest.mark.parametrize("message", ["what are the signs of CRS after Carvykti", "is neurotoxicity a side effect of Tecvayli",
                                     "the pt achieved CRs on pembro", "my dad had crs after car-t and is fine now"])
def test_a_question_about_crs_a_complete_response_or_crs_that_is_over_is_no_emergency(message):
    assert triage(message).urgent is None


@pytest.mark.parametrize(("report", "key"), [("pt GCS dropping post ICE", "confusion"),
                                             ("pt GCS 12 after blinatumomab", "confusion"),
                                             ("my husbands temprature is 39 and hes on chemo", "fever"),
                                             ("I've got a weird rash that looks like bruises and I'm on chemo",
                                              "rash_not_fading"),
                                             ("a severe headache and I keep seeing flashing lights", "headache")])
def test_nurses_and_patients_words_for_red_flags_are_urgent(report, key):
    assert triage(report).urgent.key == key


@pytest.mark.parametrize("message", ["i have a temp of 37.2 is that ok on chemo", "my temp is 99.1 after chemo, should I worry"])
def test_a_normal_temperature_reading_on_treatment_is_no_fever(message):
    assert triage(message).urgent is None


@pytest.mark.parametrize("report", ["my temperature is 35 and I'm shaking", "temp 34.8 on chemo",
                                    "her temperature has dropped to 35.2 since her chemo"])
def test_a_low_temperature_on_treatment_or_with_rigors_is_urgent(report):
    assert triage(report).urgent.key == "fever"


def test_a_low_temperature_alone_is_mentioned_not_urgent():
    assert triage("my temp is 35.4").urgent is None and triage("my temp is 35.4").mentioned.key == "fever"


@pytest.mark.parametrize("report", ["temp of 37.2 yesterday now 38.6 on chemo", "she's got a temp of 37.8 after chemo",
                                    "her temp is 37.4 but she's shivering uncontrollably on chemo"])
def test_a_normal_reading_beside_a_fever_or_rigors_is_still_a_fever(report):
    assert triage(report).urgent.key == "fever"


@pytest.mark.parametrize(("report", "key"), [("is it normal to have a fever of 39 after chemo or should I wait", "fever"),
                                             ("can I wait till morning, my chest really hurts", "chest_pain"),
                                             ("dad's breathing is really fast, is that the cancer?", "breathing"),
                                             ("can't stop shaking, feel freezing, had my infusion yesterday", "fever")])
def test_a_red_flag_asked_about_while_it_happens_is_urgent(report, key):
    assert triage(report).urgent.key == key


def test_shaking_from_the_news_or_a_cold_room_is_no_rigor():
    assert triage("just found out I have ovarian cancer and I can't stop shaking").urgent is None
    assert triage("I always feel freezing in the infusion room, is Keytruda given cold").urgent is None


@pytest.mark.parametrize(("report", "key"), [("the cap came off his picc line", "line_damage"),
                                             ("my daughter is pale and has bruises everywhere", "bleeding"),
                                             ("my daughter has a bad tummy ache and is bent over", "abdominal_pain")])
def test_childrens_cancer_red_flags_in_parents_words_are_urgent(report, key):
    assert triage(report).urgent.key == key


@pytest.mark.parametrize("message", ["my son's NG tube came out", "she has a small bruise on her arm from the blood test",
                                     "a new line of treatment came out for myeloma, what is it",
                                     "what happens if the picc line comes out"])
def test_a_feeding_tube_a_bruise_or_a_question_about_a_line_is_no_emergency(message):
    assert triage(message).urgent is None


@pytest.mark.parametrize(("report", "key"), [("i've been stockpiling my pain pills", "self_harm"),
                                             ("what's the point of carrying on with treatment, I'd rather be dead",
                                              "self_harm"),
                                             ("sometimes I wish I wouldn't wake up", "self_harm"),
                                             ("I took a handful of my sleeping pills", "overdose"),
                                             ("my son drank some of my oral chemo liquid", "overdose"),
                                             ("I'm covered in hives and my lips are tingling", "swelling")])
def test_thoughts_of_self_harm_overdoses_and_allergic_reactions_in_everyday_words_are_urgent(report, key):
    assert triage(report).urgent.key == key


@pytest.mark.parametrize("message", ["I read that suicide rates are higher in cancer patients, is that true?",
                                     "I used to self harm years ago, can I have Keytruda",
                                     "can I take Keytruda if I have a history of self harm"])
def test_reading_about_self_harm_or_self_harm_long_ago_is_no_emergency(message):
    assert triage(message).urgent is None


@pytest.mark.parametrize("message", ["his neutrophils are 0.2 what should we do", "ANC is 300 today",
                                     "my platelets are 12 is that dangerous", "my hemoglobin is 6.8",
                                     "my dad's white count is low, should he avoid crowds"])
def test_a_low_blood_count_gets_a_note_on_fever_and_bleeding_not_an_emergency(message):
    result = triage(message)
    assert result.urgent is None and result.mentioned.key == "low_counts"


@pytest.mark.parametrize("message", ["my platelets are 250", "his neutrophils are 2.5 now", "my hemoglobin is 12.1",
                                     "ANC 1500, can she have her chemo"])
def test_a_normal_blood_count_gets_no_note(message):
    assert triage(message).mentioned is None


def test_a_low_count_with_a_fever_is_still_an_emergency():
    assert triage("his neutrophils are 0.3 and he has a temp of 38.4").urgent.key == "fever"


@pytest.mark.parametrize("message", ["should i go to the ER", "do we need to go to A&E?",
                                     "is this an emergency?", "should I call my oncologist",
                                     "when should i go to the er during chemo"])
def test_asking_whether_to_seek_care_gets_the_note_on_symptoms_that_worry_you(message):
    result = triage(message)
    assert result.urgent is None and result.mentioned is UNNAMED


@pytest.mark.parametrize("message", ["my face is all puffy since starting the steroids is that normal",
                                     "she has a really swollen face after starting steroids"])
def test_a_puffy_face_on_steroids_gets_the_swelling_note_not_an_emergency(message):
    result = triage(message)
    assert result.urgent is None and result.mentioned.key == "swelling"


@pytest.mark.parametrize("report", ["her face and lips are swelling up since the dex",
                                    "my face is swollen since the infusion",
                                    "his face is puffy and he's on prednisone and now he can't breathe properly"])
def test_a_swollen_face_with_lips_breathing_or_no_steroid_is_still_urgent(report):
    assert triage(report).urgent is not None


@pytest.mark.parametrize(("report", "key"), [("my mouth is so sore I can't even swallow water", "mouth_sores"),
                                             ("im on keytruda and now i have bad diarrhea with blood",
                                              "vomiting_diarrhoea"),
                                             ("pt on ipi/nivo with 8 watery stools today and abd pain",
                                              "vomiting_diarrhoea")])
def test_mucositis_bloody_diarrhoea_and_a_nurses_stool_count_are_urgent(report, key):
    assert triage(report).urgent.key == key


@pytest.mark.parametrize("message", ["i feel like my heart is going to jump out of my chest",
                                     "is diarrhea with blood a side effect of keytruda",
                                     "he had 8 loose stools last month but he's fine now"])
def test_a_pounding_heart_alone_or_bloody_diarrhoea_asked_about_or_over_gets_a_note(message):
    result = triage(message)
    assert result.urgent is None and result.mentioned is not None


def test_and_ends_what_a_denial_denies():
    assert triage("baby is not feeding and very sleepy, she's on treatment for neuroblastoma").urgent.key == "confusion"
    assert find_mentions("no fever or chills, just tired") == []


def test_a_knock_to_the_head_alone_gets_a_note_not_an_emergency():
    result = triage("i hit my head on the cupboard, is keytruda approved for melanoma")
    assert result.urgent is None and result.mentioned.key == "head_injury"


@pytest.mark.parametrize(("message", "key"), [("can cisplatin shut down your kidneys", "urine"),
                                              ("I've heard Opdivo can cause inflammation in the lungs, what would that "
                                               "feel like?", "breathing")])
def test_a_question_about_kidney_failure_or_lung_inflammation_gets_the_note(message, key):
    result = triage(message)
    assert result.urgent is None and result.mentioned.key == key


def test_failing_kidneys_or_pneumonitis_with_breathlessness_reported_now_are_urgent():
    assert triage("my dad's kidneys are failing on chemo").urgent.key == "urine"
    assert triage("they said he has pneumonitis from keytruda and now he's really breathless").urgent.key == "breathing"


def test_black_stools_on_iron_tablets_get_a_note_unless_blood_or_faintness_comes_with_them():
    result = triage("my poo is black since starting iron tablets")
    assert result.urgent is None and result.mentioned.key == "vomiting_blood"
    assert triage("my poo is black and tarry since starting iron tablets and i feel faint").urgent is not None
    assert triage("my poo is black since this morning").urgent.key == "vomiting_blood"


def test_pain_and_swelling_where_the_line_goes_in_gets_the_line_site_note():
    assert triage("i have pain and swelling in my arm where the picc is").mentioned.key == "line_infection"


@pytest.mark.parametrize(("report", "key"), [("i'm passing out whenever i stand up", "fainting"),
                                             ("she keeps fainting every time she gets up", "fainting"),
                                             ("i feel proper rough, shaky and hot, chemo was wednesday", "fever"),
                                             ("my ticker's going like the clappers and i feel woozy", "palpitations")])
def test_a_habit_going_on_now_and_british_everyday_words_are_urgent(report, key):
    assert triage(report).urgent.key == key


@pytest.mark.parametrize("message", ["i sometimes feel dizzy when i stand up",
                                     "Sometimes I feel short of breath when I'm panicking about scans. Asking "
                                     "generally, I'm fine right now."])
def test_a_habit_told_as_one_is_no_report(message):
    assert triage(message).urgent is None


def test_a_very_high_blood_pressure_alone_gets_a_note_and_questions_about_it_none():
    alone = triage("my bp is 185/100 on avastin, is that ok")
    assert alone.urgent is None and alone.mentioned.key == "high_blood_pressure"
    assert triage("can lenvima cause high blood pressure").mentioned is None


def test_an_arm_gone_numb_that_cannot_be_lifted_is_a_stroke_sign_but_not_after_sleeping_on_it():
    assert triage("my arm went numb and I can't lift it").urgent.key == "stroke"
    assert triage("my arm went numb after I slept on it").urgent is None


def test_a_fever_on_a_named_cancer_drug_is_urgent_and_alone_gets_a_note():
    assert triage("my husband has a fever and is on keytruda", on_treatment=True).urgent.key == "fever"
    alone = triage("my husband has a fever and is on keytruda")  # the wording alone does not say it is treatment
    assert alone.urgent is None and alone.mentioned.key == "fever"


def test_a_turn_that_tells_of_treatment_makes_the_fever_told_before_urgent():
    assert triage("he is on opdivo", context="my husband has a fever", on_treatment=True).urgent.key == "fever"
    assert triage("she had chemo last week", context="my wife has a fever").urgent.key == "fever"
    assert triage("what is keytruda for?", context="my husband has a fever", on_treatment=True).urgent is None
    # only a fever needs treatment to be urgent; another flag told before is not re-read by a question naming a drug
    assert triage("ok. what is zofran for", context="i had chest pain yesterday and went to the er, they said it was "
                                                     "reflux", on_treatment=True).urgent is None


@pytest.mark.parametrize("report", ["I have a slight temperature 37.6 and I'm on chemo, is that ok?", "temp 37.6 on chemo",
                                    "I'm on chemo and my temperature is 37.7", "my daughter has a slight temp, she's on "
                                    "chemo for ALL"])
def test_a_temperature_of_37_5_or_more_on_treatment_is_a_fever(report):
    assert triage(report).urgent.key == "fever"  # UKONS: 37.5 or more on systemic anti-cancer treatment


def test_a_reading_of_37_5_or_more_asked_about_without_treatment_gets_the_note():
    result = triage("my temp is 37.6, is that a fever?")
    assert result.urgent is None and result.mentioned.key == "fever"


def test_asking_whether_to_take_something_and_wait_with_a_fever_reports_it():
    assert triage("temp of 38.2 on chemo, should I take paracetamol and wait?").urgent.key == "fever"


def test_a_normal_reading_and_feeling_fine_is_no_emergency_however_sure_the_classifier_is():
    assert triage("my temp is 36.9 and i feel fine, on chemo", urgent_probability=0.95).urgent is None


def test_tiny_red_dots_on_chemo_are_urgent_and_otherwise_get_the_note_on_spots_that_do_not_fade():
    assert triage("lots of tiny red dots on my legs, on chemo").urgent.key == "rash_not_fading"  # petechiae, platelets
    alone = triage("she has tiny red dots on her legs, is it a rash from keytruda?")
    assert alone.urgent is None and alone.mentioned.key == "rash_not_fading"


def test_a_heart_that_feels_fluttery_gets_the_palpitations_note():
    result = triage("my heart feels fluttery sometimes on herceptin")
    assert result.urgent is None and result.mentioned.key == "palpitations"


@pytest.mark.parametrize("report", ["mum is off her legs and not eating, she's on chemo",
                                    "can't get out of bed, dizzy, chemo last week"])
def test_someone_who_cannot_get_up_is_alarming_when_the_classifier_hears_a_report(report):
    assert triage(report, urgent_probability=0.9).urgent is UNNAMED  # UKONS: bed-bound is red


def test_an_age_is_no_alarm():
    message = "My husband (62) was just diagnosed. I keep blaming myself."
    assert triage(message, urgent_probability=0.9).urgent is None


@pytest.mark.parametrize("message", ["something is very wrong with my dad, he's on immunotherapy",
                                     "my dad is really not right, he's on immunotherapy"])
def test_a_report_the_classifier_hears_as_likely_urgent_gets_the_note_on_symptoms_that_worry_you(message):
    result = triage(message, urgent_probability=0.7)
    assert result.urgent is None and result.mentioned is UNNAMED


def test_a_report_played_down_gets_no_note():
    assert triage("Pt on Xtandi reports mild fatigue x2 wks, still working part time. expected?",
                  urgent_probability=0.7).mentioned is None


@pytest.mark.parametrize("report", ["her potassium is 6.5", "K+ 6.8 in pt with TLS", "pt on ipi/nivo with grade 3 colitis"])
def test_a_grade_3_side_effect_tumour_lysis_or_a_very_high_potassium_reported_is_urgent(report):
    assert triage(report).urgent.key == "severe_toxicity"


def test_grade_2_or_tumour_lysis_asked_about_gets_no_emergency():
    assert triage("how do you treat CRS grade 2").urgent is None
    assert triage("rasburicase indication tumor lysis").urgent is None  # what the drug prevents
    assert triage("what is tumor lysis syndrome").mentioned is None


def test_bleeding_with_platelets_under_20_is_urgent():
    assert triage("pt's platelets 8, gum bleeding").urgent.key == "bleeding"
    assert triage("gums keep bleeding when i brush, on chemo").urgent is None  # with no count, a note


def test_a_nurses_note_that_opens_with_the_patient_reports_what_follows():
    report = "pt with cord compression symptoms, leg weakness, urinary retention"
    assert triage(report).urgent.key == "spinal_cord"


def test_when_a_patient_should_go_to_the_er_gets_the_note():
    result = triage("when should a patient on chemo go to the ER")
    assert result.urgent is None and result.mentioned is UNNAMED


@pytest.mark.parametrize("message", ["my mum is on chemo and feels fine, temp 36.5", "pt on pembro, temp 37.3, feels well",
                                     "my temp was 37.6 yesterday but it's normal now"])
def test_a_normal_reading_or_feeling_well_is_no_emergency_however_sure_the_classifier_is(message):
    assert triage(message, urgent_probability=0.95).urgent is None


def test_a_worry_about_getting_a_fever_is_no_fever_now():
    result = triage("i'm on opdivo and i'm worried about getting a fever", on_treatment=True)
    assert result.urgent is None and result.mentioned.key == "fever"


def test_a_slight_temperature_with_treatment_denied_is_no_emergency():
    result = triage("i have a slight temperature but i'm not on any treatment")
    assert result.urgent is None and result.mentioned.key == "fever"


def test_a_leg_gone_dead_from_sitting_on_it_is_no_stroke():
    assert triage("my leg went dead from sitting cross legged").urgent is None


def test_a_number_alone_alarms_for_the_emergency_reply_but_does_not_earn_the_note():
    assert triage("my potassium is 4.5", urgent_probability=0.7).mentioned is None
    assert triage("pt vomiting x6 today", urgent_probability=0.9).is_emergency


@pytest.mark.parametrize("report", ["my husband is blue", "my baby is turning blue"])
def test_someone_gone_blue_is_a_breathing_emergency(report):
    assert triage(report).urgent.key == "breathing"


def test_blue_as_a_mood_is_no_breathing_emergency():
    assert triage("my mum is a bit blue and low since the diagnosis").urgent is None


def test_a_fever_in_someone_neutropenic_is_urgent():
    assert triage("neutropenic and feverish").urgent.key == "fever"


def test_what_to_do_if_mum_gets_a_fever_is_an_instruction_not_a_report():
    message = ("The nurse told us that if Mum gets a fever while she's 'neutropenic' we must call straight away. "
               "She's fine right now, but what does neutropenic actually mean?")
    result = triage(message)
    assert result.urgent is None and result.mentioned.key == "fever"


def test_feeling_one_is_dying_alarms_when_the_classifier_hears_a_report():
    assert triage("i feel like im dying", urgent_probability=0.9).urgent is UNNAMED
    result = triage("i feel like i'm going to die", urgent_probability=0.7)
    assert result.urgent is None and result.mentioned is UNNAMED


def test_a_cancer_unresponsive_to_bcg_or_treatment_names_no_fainting():
    for question in ("what is approved for bladder cancer that is BCG unresponsive",
                     "what is approved for bladder cancer unresponsive to BCG",
                     "he's unresponsive to treatment, what else is approved for his myeloma"):
        assert find_mentions(question) == [], question
    assert triage("my dad is unresponsive").urgent.key == "fainting"
    assert triage("BCG unresponsive and now my husband collapsed").urgent.key == "fainting"


def test_a_banging_headache_with_a_stiff_neck_is_urgent_and_alone_worth_a_note():
    assert triage("i've got a banging headache and my neck is stiff, on chemo").urgent.key == "headache"
    result = triage("i have a banging headache")
    assert result.urgent is None and result.mentioned.key == "headache"
    assert triage("i've got a stiff neck and a headache from sleeping funny").mentioned is None


def test_a_heart_about_to_pop_out_of_the_chest_is_a_palpitation():
    result = triage("i feel like my heart is going to pop out of my chest")
    assert result.urgent is None and result.mentioned.key == "palpitations"
    assert triage("my heart feels like it's going to burst out of my chest and i'm dizzy").urgent.key == "palpitations"


@pytest.mark.parametrize("question", ["what temperature is too high when you're on chemo",
                                      "what temp should i call the doctor at on chemo",
                                      "is a temp of 37.4 too high on chemo"])
def test_asking_where_a_fever_starts_gets_the_fever_note(question):
    result = triage(question)
    assert result.urgent is None and result.mentioned.key == "fever"


def test_a_temperature_too_high_on_chemo_is_a_fever():
    assert triage("my temperature is too high and I'm on chemo").urgent.key == "fever"


@pytest.mark.parametrize("report", ["he's been hiccuping for 3 days straight", "i've been tired for 2 weeks",
                                    "had a headache for 2 days", "my back has been aching all day",
                                    "hiccups that won't stop on cisplatin"])
def test_how_long_an_everyday_complaint_has_lasted_is_no_emergency(report):
    assert triage(report, urgent_probability=0.95).urgent is None


@pytest.mark.parametrize("report", ["he's been hiccuping for 3 days straight", "had a headache for 2 days",
                                    "hiccups that won't stop on cisplatin"])
def test_how_long_an_everyday_complaint_has_lasted_is_still_worth_the_note(report):
    assert triage(report, urgent_probability=0.7).mentioned is UNNAMED


def test_how_long_something_else_has_lasted_still_alarms():
    assert triage("he hasn't eaten or drunk anything in two days", urgent_probability=0.95).urgent is UNNAMED


@pytest.mark.parametrize("question", ["i have a bit of a sore throat, on chemo, should i worry",
                                      "should i be worried about my cough on chemo"])
def test_asking_whether_to_worry_gets_the_note(question):
    result = triage(question)
    assert result.urgent is None and result.mentioned is UNNAMED


@pytest.mark.parametrize(("report", "key"), [
    ("i'm freezing cold and can't get warm, had my infusion yesterday", "fever"),
    ("my mouth is full of ulcers and it's agony to eat", "mouth_sores"),
    ("my belly is massive and hard and i can't poo", "abdominal_pain"),
    ("my tummy is swollen and i haven't been able to pass wind since yesterday", "abdominal_pain"),
    ("i just want to sleep forever", "self_harm"),
])
def test_more_reports_in_everyday_words_are_urgent(report, key):
    assert triage(report).urgent.key == key


@pytest.mark.parametrize("report", ["pt has new onset bilateral leg weakness and urinary retention, known spinal mets",
                                    "he has mets in his spine and now his legs feel weak"])
def test_new_leg_weakness_with_known_spinal_metastases_is_urgent_without_back_pain(report):
    assert triage(report).urgent.key == "spinal_cord"


def test_spinal_metastases_told_alone_get_the_note():
    result = triage("my dad has spinal mets from prostate cancer, what is approved")
    assert result.urgent is None and result.mentioned.key == "spinal_cord"


@pytest.mark.parametrize("report", ["i get breathless walking up the stairs since starting chemo",
                                    "i keep getting out of breath climbing the stairs since starting treatment"])
def test_breathless_only_climbing_stairs_gets_the_note(report):
    result = triage(report)
    assert result.urgent is None and result.mentioned.key == "breathing"


@pytest.mark.parametrize("report", ["i get out of breath climbing the stairs and my chest hurts",
                                    "cant breathe properly rn, like im gasping going up 3 stairs",
                                    "breathless going uphill, getting worse every day"])
def test_breathless_on_stairs_with_more_told_is_urgent(report):
    assert triage(report).urgent.key == "breathing"


@pytest.mark.parametrize(("report", "key"), [
    ("she feels like a furnace and she had chemo on thursday", "fever"),
    ("i'm roasting hot then freezing, cycle 2 folfox", "fever"),
    ("his skin looks mottled and he's on chemo", "fever"),  # NICE: mottled skin is a sign of sepsis
    ("she's talking funny and can't find her words", "stroke"),
    ("pain going down my left arm and jaw", "chest_pain"),
    ("glucose 450 on dex", "blood_sugar"),
])
def test_still_more_reports_in_everyday_words_are_urgent(report, key):
    assert triage(report).urgent.key == key


@pytest.mark.parametrize(("report", "key"), [("his wee is bright red", "blood_faint"),
                                             ("the drip went into my arm and it's burning and swollen", "line_infection"),
                                             ("what does a blood sugar of 30 mean", "blood_sugar")])
def test_red_urine_a_drip_leaking_under_the_skin_or_a_sugar_asked_about_get_the_note(report, key):
    result = triage(report)
    assert result.urgent is None and result.mentioned.key == key


@pytest.mark.parametrize("message", ["the sauna felt like an oven", "my blood sugar was 6.5 this morning",
                                     "my sugar is 120", "I put sugar 2 teaspoons in my tea",
                                     "my kid is talking funny since watching cartoons"])
def test_an_oven_a_normal_sugar_or_sugar_in_tea_is_no_red_flag(message):
    assert triage(message) == triage("")


@pytest.mark.parametrize("message", ["i nearly had a heart attack when i saw the bill",
                                     "i'm bleeding money on parking at the hospital"])
def test_a_heart_attack_or_bleeding_as_a_figure_of_speech_is_no_red_flag(message):
    assert triage(message) == triage("")


@pytest.mark.parametrize("message", ["I have kidney failure, can I take ibrance",
                                     "my dad has chronic kidney failure, what is keytruda for"])
def test_kidney_failure_someone_lives_with_is_no_emergency(message):
    assert triage(message).urgent is None


@pytest.mark.parametrize("report", ["pt in acute kidney failure post chemo",
                                    "she has had kidney failure since the chemo started and isn't peeing"])
def test_kidney_failure_that_came_on_is_urgent(report):
    assert triage(report).urgent.key == "urine"


@pytest.mark.parametrize("report", ["i've not had a wee since yesterday morning", "he hasn't had a pee all day"])
def test_no_wee_for_hours_is_urgent(report):
    assert triage(report).urgent.key == "urine"


def test_no_wee_for_minutes_is_no_emergency():
    assert triage("I haven't had a wee in 5 minutes lol").urgent is None


@pytest.mark.parametrize(("report", "before", "key"), [
    ("about 10 times today", "he's got diarrhoea", "vomiting_diarrhoea"),
    ("his handwriting has gone really messy", "he's post car-t day 7", "icans"),
])
def test_a_turn_that_tells_what_the_report_before_needed_is_urgent(report, before, key):
    assert triage(report).urgent is None and triage(before).urgent is None
    assert triage(report, context=before).urgent.key == key


def test_a_question_after_a_report_is_read_on_its_own():
    assert triage("how many times a day is too many", context="he's got diarrhoea").urgent is None


@pytest.mark.parametrize(("report", "key"), [("after her blincyto she seems a bit muddled", "confusion"),
                                             ("he's post car-t day 7 and his handwriting has gone really messy", "icans")])
def test_muddled_or_messy_handwriting_after_car_t_or_a_bispecific_is_urgent(report, key):
    assert triage(report).urgent.key == key


@pytest.mark.parametrize("report", ["i keep forgetting words since my blinatumomab started",
                                    "she's on tecvayli and is having trouble writing a sentence"])
def test_trouble_writing_or_finding_words_after_a_t_cell_engager_is_urgent(report):
    assert triage(report).urgent.key == "icans"


@pytest.mark.parametrize("message", ["my mum keeps forgetting words, she has dementia",
                                     "I can't write my name properly with this cast on"])
def test_forgetting_words_or_trouble_writing_with_no_car_t_or_engager_is_no_red_flag(message):
    result = triage(message)
    assert result.urgent is None and result.mentioned is None


def test_asking_whether_car_t_makes_you_forget_words_gets_the_note():
    result = triage("can car-t make you forget words?")
    assert result.urgent is None and result.mentioned.key == "icans"


def test_being_muddled_about_drugs_is_no_confusion():
    assert triage("i'm a bit muddled about which drug is which").urgent is None


@pytest.mark.parametrize("question", ["can i have the flu jab during immunotherapy", "should i get a flu shot on chemo"])
def test_a_flu_jab_is_no_flu(question):
    assert triage(question).urgent is None
    assert triage("i've got the flu and i'm on chemo").urgent.key == "fever"


def test_a_sore_red_lump_where_the_cannula_was_gets_the_line_note():
    result = triage("i've got a painful red lump on my arm where the cannula was")
    assert result.urgent is None and result.mentioned.key == "line_infection"


def test_urinary_retention_is_urgent():
    assert triage("pt in acute urinary retention").urgent.key == "urine"


def test_falling_asleep_mid_sentence_is_urgent_and_in_a_film_is_not():
    assert triage("my dad keeps falling asleep mid sentence since his car t").urgent.key == "confusion"
    assert triage("he fell asleep in the middle of the film").urgent is None


@pytest.mark.parametrize(("report", "key"), [("my wee is the colour of coca cola", "jaundice"),
                                             ("my leg swelled up overnight and it's hot and red", "blood_clot")])
def test_more_signs_told_alone_are_worth_a_note(report, key):
    result = triage(report)
    assert result.urgent is None and result.mentioned.key == key


def test_a_swollen_belly_asked_about_is_no_bowel_obstruction():
    assert triage("my belly is swollen, can keytruda cause that").urgent is None


@pytest.mark.parametrize("message", ["i collapsed in tears when they told me it was stage 4",
                                     "i nearly fainted when i saw the bill for keytruda",
                                     "i can't breathe a word of this to my kids, what is tamoxifen for",
                                     "she had a seizure as a baby, can she have chemo"])
def test_figures_of_speech_and_childhood_events_are_no_emergency(message):
    assert triage(message, urgent_probability=0.7).urgent is None


def test_a_faint_told_as_it_happens_is_still_urgent():
    assert triage("i nearly fainted in the shower and now i feel dizzy on chemo").urgent.key == "fainting"
    assert triage("mum collapsed in the kitchen").urgent.key == "fainting"


def test_someone_not_breathing_right_is_urgent():
    assert triage("we've called an ambulance, he's not breathing right").urgent.key == "breathing"


def test_diarrhoea_a_few_times_a_day_is_worth_a_note_and_four_or_more_times_urgent():
    result = triage("He's been having some mild diarrhea, 2-3 times a day, on Opdivo")
    assert result.urgent is None and result.mentioned.key == "vomiting_diarrhoea"
    assert triage("she's had diarrhoea 5 times today on chemo").urgent.key == "vomiting_diarrhoea"


def test_a_red_flag_weeks_ago_told_after_saying_one_is_fine_is_over():
    assert triage("I'm fine now but last week I had a seizure, what is temozolomide for?").urgent is None
    assert triage("I'm fine now but I just had a seizure").urgent.key == "seizure"


@pytest.mark.parametrize("note", ["pt unable to PU since yesterday", "pt hasn't PU'd for 12 hours"])
def test_a_nurses_note_that_a_patient_cannot_pass_urine_is_urgent(note):
    assert triage(note).urgent.key == "urine"


@pytest.mark.parametrize("report", ["calcium 3.5 and drowsy", "my mums calcium is 3.8", "pt adjusted Ca 3.6",
                                    "calcium of 14 mg/dl"])
def test_a_severely_high_calcium_is_urgent(report):
    assert triage(report).urgent.key == "severe_toxicity"


@pytest.mark.parametrize("message", ["calcium 2.4", "how much calcium 500 mg should i take"])
def test_a_normal_calcium_or_a_dose_of_it_is_no_emergency(message):
    assert triage(message).urgent is None


@pytest.mark.parametrize("message", ["my blood is boiling about the wait times", "it makes my blood boil"])
def test_blood_in_a_figure_of_speech_is_no_emergency(message):
    assert triage(message, urgent_probability=0.95).urgent is None


def test_bleeding_the_writer_says_has_stopped_is_no_emergency():
    assert triage("my nose bled a bit this morning but stopped", urgent_probability=0.95).urgent is None


def test_a_report_in_words_no_flag_knows_told_as_mild_gets_the_note_not_the_emergency():
    triaged = triage("i had a bit of blood when i blew my nose", urgent_probability=0.95)
    assert triaged.urgent is None and triaged.mentioned is UNNAMED


def test_a_colour_that_alarms_is_urgent_however_mildly_it_is_told():
    assert triage("dad's a bit grey and clammy", urgent_probability=0.95).urgent is UNNAMED


def test_a_mild_wheeze_with_a_cold_gets_the_breathing_note():
    triaged = triage("a bit wheezy with my cold")
    assert triaged.urgent is None and triaged.mentioned.key == "breathing"


def test_bleeding_gums_with_tiny_red_spots_is_urgent():
    assert triage("my gums keep bleeding and i've got tiny red spots all over my legs").urgent.key == "bleeding"


def test_skin_blistering_and_peeling_is_urgent():
    assert triage("my skin is blistering and peeling after starting the new tablets").urgent.key == "skin"


def test_a_reading_told_in_the_past_weeks_ago_is_mentioned_not_urgent():
    triaged = triage("my temperature was 38 two weeks ago", urgent_probability=0.95)
    assert triaged.urgent is None and triaged.mentioned.key == "fever"


@pytest.mark.parametrize("report", ["Temperature 38.5 C, I had chemo last week - what should I do?",
                                    "my temperature was 38 two weeks ago and it's still up and down"])
def test_a_fever_now_beside_something_weeks_ago_is_still_urgent(report):
    assert triage(report, urgent_probability=0.95).urgent.key == "fever"


@pytest.mark.parametrize("report", ["my husband seems a bit vacant and not answering properly",
                                    "he looks glazed and won't talk"])
def test_someone_vacant_or_not_answering_properly_is_confusion(report):
    assert triage(report).urgent.key == "confusion"


def test_a_clinic_not_answering_is_no_confusion():
    assert triage("the clinic is not answering the phone").urgent is None


@pytest.mark.parametrize("report", ["my oxygen is 88%", "sats 91% on air", "my o2 sats are 90"])
def test_an_oxygen_saturation_of_92_or_under_is_urgent(report):
    assert triage(report).urgent.key == "breathing"


@pytest.mark.parametrize("message", ["sats 98% on air", "she's on oxygen at 15 litres"])
def test_a_normal_saturation_or_an_oxygen_flow_is_no_emergency(message):
    assert triage(message).urgent is None


def test_bruising_with_platelets_under_20_is_urgent():
    assert triage("platelets 15 and bruising").urgent.key == "bleeding"


def test_a_haemoglobin_in_grams_a_litre_is_a_low_count():
    assert triage("my Hb is 65").mentioned.key == "low_counts"


@pytest.mark.parametrize("report", ["ketones high and vomiting", "ketones 3.2", "DKA on steroids"])
def test_ketones_building_up_are_urgent(report):
    assert triage(report).urgent.key == "blood_sugar"


def test_normal_ketones_are_no_emergency():
    assert triage("my ketones are 0.3").urgent is None


@pytest.mark.parametrize("message", ["i feel hot at night on tamoxifen", "my wife feels hot and sweaty at night on zoladex",
                                     "i feel hot all the time since starting letrozole, is that normal"])
def test_hot_flushes_on_hormone_therapy_are_no_fever(message):
    assert triage(message, on_treatment=True).urgent is None


def test_feeling_hot_with_signs_of_an_infection_on_chemo_is_a_fever():
    assert triage("i've been coughing up green phlegm and feel hot on chemo").urgent.key == "fever"


@pytest.mark.parametrize("report", ["sodium 120", "my sodium is 118 and he's confused", "Na 122"])
def test_a_sodium_under_125_is_urgent(report):
    assert triage(report).urgent is not None


def test_a_normal_sodium_is_no_emergency():
    assert triage("my sodium is 138").urgent is None


def test_a_fast_breathing_rate_read_out_is_trouble_breathing():
    assert triage("rr 32 and struggling").urgent.key == "breathing"
    assert triage("resp rate 28").mentioned.key == "breathing" and triage("rr 18").mentioned is None


def test_chemo_leaking_out_of_a_drip_gets_the_line_note():
    assert triage("the chemo leaked out of my drip and my hand is swelling up").mentioned.key == "line_infection"


@pytest.mark.parametrize("message", ["i cant cope anymore with the treatment", "i can't do this anymore",
                                     "i'm at the end of my tether with this chemo", "i feel like a burden to my family"])
def test_distress_in_everyday_words_gets_the_note_where_to_turn(message):
    result = triage(message)
    assert result.urgent is None and result.mentioned.key == "distress"


def test_not_coping_with_one_side_effect_is_no_distress_flag():
    assert triage("i can't cope with the nausea, what helps?").mentioned is None


@pytest.mark.parametrize("message", ["my son is on chemo and has chicken pox contact at school",
                                     "there's measles going round my daughter's nursery and she's on treatment for "
                                     "leukaemia"])
def test_chickenpox_or_measles_near_someone_on_treatment_gets_a_note(message):
    result = triage(message)
    assert result.urgent is None and result.mentioned.key == "infection_contact"


@pytest.mark.parametrize("message", ["can i have the shingles vaccine on chemo", "What is (are) Chickenpox ?"])
def test_a_vaccine_or_chickenpox_with_no_treatment_in_the_conversation_gets_no_contact_note(message):
    assert triage(message).mentioned is None


def test_a_temperature_read_out_after_checking_it_is_a_fever():
    assert triage("just checked, 100.4 on keytruda", on_treatment=True).urgent.key == "fever"


def test_a_headache_beside_a_stiff_neck_however_told_is_urgent_on_treatment():
    assert triage("i have a bad headache and my neck is stiff, on chemo").urgent.key == "headache"
    assert triage("i have a headache").mentioned is None


def test_a_hot_and_swollen_calf_is_urgent_on_treatment_and_gets_the_blood_clot_note_without():
    message = "my right leg is swollen, came on overnight, hot and red. only the right one"
    assert triage(message, on_treatment=True).urgent.key == "leg_clot"
    result = triage(message)
    assert result.urgent is None and result.mentioned.key == "blood_clot"


def test_kidney_failure_asked_of_anyone_who_has_it_is_no_red_flag():
    assert triage("is keytruda ok for someone with kidney failure").mentioned is None
    assert triage("my kidneys are failing since the chemo").urgent.key == "urine"


def test_the_rule_for_when_to_call_beside_a_normal_temperature_now_is_no_fever():
    assert triage("the nurse said call if temp over 38, it's 37.2 now", on_treatment=True).urgent is None
    assert triage("the nurse said call if temp over 38, it's 38.4 now", on_treatment=True).urgent.key == "fever"


def test_a_fever_weeks_ago_then_a_question_is_told_as_past():
    message = "my daughter had a fever of 39 two weeks ago and recovered, is blinatumomab approved for ALL"
    assert triage(message, on_treatment=True).urgent is None


@pytest.mark.parametrize(("report", "key"), [
    ("he's not making any wee and his legs are swollen", "urine"),
    ("i've come out in hives all over after rituximab", "swelling"),
    ("i've got the shakes and chattering teeth, chemo was 5 days ago", "fever"),
    ("i've got black diarrhoea", "vomiting_blood"),
    ("my arm and face went numb for a few minutes, i'm on chemo", "stroke"),
])
def test_more_red_flags_in_everyday_words_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


@pytest.mark.parametrize("message", ["i get hives from cats", "she isn't doing much wee but is drinking plenty"])
def test_hives_with_no_treatment_or_less_wee_is_no_emergency(message):
    assert triage(message, on_treatment=True).urgent is None


@pytest.mark.parametrize(("report", "key"), [
    ("Today he's been a bit off, the left side of his mouth sort of droops when he talks. Is Avastin approved for bowel "
     "cancer?", "stroke"),
    ("72F D6 post cisplatin, nil PO x36h, vomiting ++, postural dizzy", "vomiting_diarrhoea"),
    ("not to make a fuss but theres a heavy feeling in my chest like someone's sat on it, been about an hour, goes up "
     "into my jaw", "chest_pain"),
    ("my dad keeps saying we'd all be better off without him and this week he's given away his watch", "self_harm"),
    ("coughing up proper bright red blood, like a few mouthfuls, on bevacizumab for lung", "vomiting_blood"),
    ("My legs have gone weak and numb since this afternoon. Prostate cancer, spread to the spine.", "spinal_cord"),
    ("my stoma bag keeps filling with blood since lunch, feel a bit woozy", "blood_faint"),
    ("no biggie but my throat feels a bit closed up and I'm itchy all over, this is my first Herceptin", "swelling"),
])
def test_emergencies_told_in_passing_understated_or_in_shorthand_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


@pytest.mark.parametrize("message", [
    "I was suicidal in my early 20s but I've been well for years now. Is tamoxifen approved for DCIS?",
    "FYI hx anaphylaxis to carbo 2022, since desensitised. what are carboplatin's approved indications?",
])
def test_a_red_flag_told_as_history_is_no_emergency(message):
    assert triage(message, on_treatment=True).urgent is None


def test_a_seizure_now_beside_a_history_of_something_else_is_urgent():
    assert triage("pt in waiting room just seized, hx brain mets, now post-ictal").urgent.key == "seizure"


def test_a_history_written_as_hx_of_is_no_report_and_she_s_muddled_is_confusion():
    assert triage("pt 6 mo s/p allo asking if Jakafi is approved for GVHD. pt has hx of MF",
                  urgent_probability=0.9).urgent is None
    assert triage("today she's muddled and keeps asking the same thing over and over").urgent.key == "confusion"


@pytest.mark.parametrize(("report", "key"), [
    ("he hasnt passed any urine since yesterday morning", "urine"),
    ("btw my speech went funny a few mins ago and my arms still weak", "stroke"),
    ("asking cos my lips and tongue started swelling about 20 min after my infusion", "swelling"),
    ("my son is 7 on maintenance chemo for ALL, ear thermometer just read 38.3. he seems ok in himself.", "fever"),
    ("loads of bright red blood when I go to the toilet, like the bowl is full of it", "bleeding"),
    ("Mum's gone really confused this arvo, not making sense and doesn't know where she is.", "confusion"),
    ("tummy pain 10/10 since lunch, cant stand up straight", "abdominal_pain"),
    ("he hasn't pooped in 5 days and now his tummy is swollen and he's throwing up green stuff", "abdominal_pain"),
    ("me nan's proper poorly tonight, she had her chemo thurs", "fever"),
    ("hey siri ask the cancer bot what is imbruvica used for my heart is racing super fast and i feel like im going to "
     "pass out", "palpitations"),  # dictated: no stop between the question and the state
])
def test_emergencies_in_regional_and_everyday_words_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


@pytest.mark.parametrize("message", [
    "can I stop anastrozole early? the joint pain is awful and I'm 3 yrs in",  # awful pain, not someone unwell
    "they took loads of blood for tests today",
    "she confused this with her other pills",
    "she's vomiting green stuff",  # bile alone, with no sign of a blocked bowel: the vomiting note
    "Went to A&E with a temp on Saturday, they gave me IV antibiotics and sent me home, feeling grand now. Is the "
    "cold tingling in my fingers from the oxaliplatin?",
])
def test_alarming_words_that_are_no_emergency_now_are_not_urgent(message):
    assert triage(message, on_treatment=True).urgent is None


def test_a_fever_seen_to_in_hospital_that_is_back_is_urgent():
    message = "Went to A&E with a temp on Saturday, they sent me home, but now its 38.9 again"
    assert triage(message, on_treatment=True).urgent.key == "fever"


@pytest.mark.parametrize(("report", "key"), [
    ("My father after chemotherapy since yesterday is very hot body, 39 degree, and shaking very much.", "fever"),
    ("My mother is having loose motions continuously from since yesterday, around 20 times.", "vomiting_diarrhoea"),
    ("found my 3 year old with my mum's capecitabine box open, think she swallowed one or two. she seems fine now.",
     "overdose"),
    ("My toddler chewed through a blister strip of my husband's lenalidomide, maybe two capsules gone.", "overdose"),
    ("I've been sitting here with my morphine counted out thinking it would be easier for everyone if I just didn't wake "
     "up", "self_harm"),
    ("I've been cutting again tonight since the diagnosis, it's fine, I've cleaned it up.", "self_harm"),
    ("I'm in the chair right now with the paclitaxel running and I've gone wheezy and really itchy.", "breathing"),
    ("Can't lie flat, gasping when I talk, feels like breathing through a straw.", "breathing"),
    ("Mum keeps asking what year it is and thinks I'm her brother. Started this afternoon.", "confusion"),
    ("Just feel absolutely awful, like really really wrong, can't get off the sofa, shaky, since my Keytruda 3 days ago.",
     "fever"),
    ("39.4. 2 days post chemo.", "fever"),
    ("CAR-T 4 days ago, 39.8 now and a bit confused about what day it is.", "fever"),
    ("soaked through three pads in an hour, I'm being treated for cervical cancer", "bleeding"),
    ("poo's gone jet black and sticky since yesterday, and I'm not on iron tablets. Had a bit of a dizzy turn too.",
     "vomiting_blood"),
    ("Hey, just wondering, the missus has had the runs heaps since Tuesday, can't keep a cuppa down.", "vomiting_diarrhoea"),
    ("Being sick every half hour since midnight, can't even keep the anti-sickness tablets down.", "vomiting_diarrhoea"),
    ("She got out of the car and just crumpled, out cold for maybe a minute, then came round.", "fainting"),
    ("after his CAR T cells his writing's gone wobbly and he couldn't name the pen I showed him", "icans"),
    ("CAR-T day +6, new word-finding difficulty and tremor", "icans"),
    ("My right leg is nearly twice the size of the left and it hurts to walk.", "leg_clot"),
    ("ive had a headache and cant see properly out of one side since lunch n one side of my mouth is numb", "stroke"),
    ("what is pembro lies you mab approved for also my mum has gone all floppy on one side and her face looks droopy",
     "stroke"),
    ("My husband has since two hours pressure on the chest and sweats strongly", "chest_pain"),
    ("10/10 abd pain, belly rigid, on bev", "abdominal_pain"),
])
def test_hard_emergencies_understated_translated_dictated_or_in_numbers_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


@pytest.mark.parametrize("message", [
    "Last March I had neutropenic sepsis and spent four days in ICU, all sorted now and I'm well. Which drugs are "
    "approved for Hodgkin lymphoma?",
    "Chest pain last week turned out to be heartburn after an ECG and bloods in A&E. Is ribociclib approved for early "
    "breast cancer?",
    "After my stem cell transplant I was in ICU for a week with sepsis in March. I'm home and well now.",
    "My mother-in-law's driving gave me such a fright I nearly had a stroke myself.",
    "tocilizumab CAR-T CRS labeled indication",  # a search for a drug's use, not a report
    "teclistamab step-up dose tomorrow, pt nervous about CRS, currently fine. what should she watch for",
    "my gums bled at the dentist last week, stopped straight away, no bother since.",
])
def test_red_flags_over_and_seen_to_feared_figurative_or_searched_are_not_urgent(message):
    assert triage(message, on_treatment=True).urgent is None


def test_a_history_of_years_ago_written_with_a_plus_is_history_even_to_a_sure_classifier():
    message = "hx suicidal ideation 10+ yrs ago, stable now - contraindication to interferon alfa-2b?"
    assert triage(message, on_treatment=True, urgent_probability=0.9).urgent is None


def test_a_red_flag_feared_and_then_read_out_is_urgent():
    assert triage("im worried about fever, temp 39.2 now on chemo").urgent.key == "fever"


def test_an_emergency_told_in_the_turn_before_and_not_seen_to_stays_urgent_whatever_is_asked_next():
    context = "had cisplatin 2 days ago\nhavent peed since yesterday morning"
    assert triage("is cisplatin approved for bladder cancer btw", context, on_treatment=True).urgent.key == "urine"


@pytest.mark.parametrize(("before", "now"), [
    ("my husband has a fever of 39 after chemo", "ok we called the on call team, what is keytruda approved for"),
    ("last night was terrifying, she couldnt breathe after the car-t and we called 911. she's in ICU now and stable, "
     "they got it under control", "the doctors gave her tocilizumab, what is that approved for"),
    ("he had a seizure when they found the tumour but nothing since, hes doing ok",
     "they want him on PCV, what drugs are in that"),
])
def test_a_red_flag_told_before_that_was_seen_to_or_is_history_does_not_make_the_next_question_urgent(before, now):
    assert triage(now, before, on_treatment=True).urgent is None
    assert triage(before, on_treatment=True).urgent is None or "fever" in before  # the fever itself was urgent


@pytest.mark.parametrize(("report", "key"), [
    ("started xtandi last week, what is it approved for? also my chest has been hurting and tight since this morning",
     "chest_pain"),
    ("stools are black and tarry and I feel dizzy standing up, I'm on avastin.", "vomiting_blood"),
    ("Back's been aching for weeks (prostate cancer in my bones) but since this morning my legs feel like jelly and I'm "
     "numb around my bottom. Going to wait till my appointment Monday.", "spinal_cord"),
    ("Y'all, Mama's been real swimmy-headed and done fell out twice this mornin' since her chemo. She says she's fine.",
     "fainting"),
])
def test_more_emergencies_told_beside_a_question_or_in_dialect_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


def test_a_complaint_no_flag_names_that_has_lasted_a_while_gets_the_note_not_the_emergency_reply():
    result = triage("my mum is 70 and feels bloated a lot lately", urgent_probability=0.96)
    assert result.urgent is None and result.mentioned is UNNAMED
    assert triage("she's been off her food for weeks and since this morning she's gone grey and clammy",
                  urgent_probability=0.96).urgent is not None


@pytest.mark.parametrize(("report", "key"), [
    ("her face has gone funny one side has dropped and she cant lift her arm", "stroke"),
    ("had a bit of a funny turn earlier, still cant feel my left hand or leg properly, its probably just tiredness",
     "stroke"),
    ("the pain in my back is unbearable cant move cant sleep worst pain ever", "spinal_cord"),
    ("Dear Sir, I write to inform you that since my infusion this afternoon I have developed a rash over my whole body "
     "and my breathing has become rather laboured.", "breathing"),
    ("not right at all since the chemo, shaking, cold then hot, heart going like the clappers", "fever"),
    ("diarrhoea ten times today and dizzy when i stand up, on the irinotecan", "vomiting_diarrhoea"),
    ("SOMEBODY HELP MY HUSBAND CANT BREATHE PROPERLY HE CANT BREATHE HE CANT BREATHE", "breathing"),
    ("my mouth sores are that bad i havent been able to drink anything for two days", "mouth_sores"),
    ("Tonight he told me he doesn't want to do this anymore and that he has a plan.", "self_harm"),
])
def test_emergencies_as_older_and_frightened_people_write_them_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


def test_a_temperature_in_words_is_a_fever_without_treatment_named():
    assert triage("my husband has a fever of a hundred and two and he had keema therapy on monday").urgent.key == "fever"


@pytest.mark.parametrize("message", [
    "last week after chemo i was burning up for a day but its settled now, is a fever normal with folfox",
    "I lost a lot of blood during the D&C and needed a transfusion of 2 units.",
    "I was told my face will look terrible for a few weeks, is that true?",
    "I'm being referred for a big surgery called CRS/HIPEC.",
    "He had a TACE procedure in September which went fine, just some fever and pain for two days afterward that went "
    "away.",
    "my son was diagnosed with glioblastoma after a seizure at work in June. That seizure was the first and only one; "
    "he's been on Keppra since and hasn't had another.",
])
def test_red_flags_over_as_they_are_told_or_in_other_senses_are_not_urgent(message):
    assert triage(message, on_treatment=True).urgent is None


@pytest.mark.parametrize(("report", "key"), [
    ("im on tagrisso and my ankles are swollen today, hot and one is bigger than the other", "leg_clot"),
    ("i think i might be having a reaction, my face feels hot and itchy and my lips are tingling after the infusion",
     "swelling"),
    ("his lips went numb during the drip", "swelling"),
    ("i feel really hot and shivery and generally awful, had chemo last week", "fever"),
    ("woke up and half my face wont move", "stroke"),
])
def test_a_clot_in_one_ankle_an_infusion_reaction_starting_generally_awful_and_half_a_face_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


@pytest.mark.parametrize("message", [
    "my lips tingle when i drink cold water since the oxaliplatin is that normal",
    "what should i do if i have a reaction during the infusion",
    "i had a reaction to the rituximab infusion last year, will it happen again",
])
def test_tingling_from_cold_and_a_reaction_asked_about_or_long_past_are_not_urgent(message):
    assert triage(message, on_treatment=True).urgent is None


@pytest.mark.parametrize(("report", "key"), [
    ("caller says her son on induction for ALL has a temp of 38.2, she gave him calpol and he seems ok, asking if she "
     "can just bring him in the morning", "fever"),
    ("pt on day 9 of FEC feels fine just a temp of 38.6, wants to know if it can wait til monday since clinic closed",
     "fever"),
    ("caller - dad had chemo tuesday, hasnt been making sense since lunch, keeps calling me by my mums name", "confusion"),
    ("ward - pt on ifos just started twitching all over and not answering me", "confusion"),
    ("thanks. oh god he just started jerking on one side and isnt answering me", "confusion"),
    ("my sister keeps saying shed be better off dead, she stopped her chemo and gave her dog away to a neighbor "
     "yesterday", "self_harm"),
    ("is it normal that my husband on zytiga has been too weak to get out of bed since yesterday and his heart feels "
     "fluttery and irregular? he also has bad leg cramps", "palpitations"),
    ("she fainted last week and is still dizzy", "fainting"),
])
def test_reports_relayed_by_callers_nurses_and_family_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


@pytest.mark.parametrize("message", [
    "pt fainted at her blood draw last wk, shes really needle phobic, any tips for next time",
    "my mom had a seizure two years ago from her brain mets but shes been seizure free since on keppra. can she drive "
    "again",
    "Pt on ponatinib asks what stroke signs to watch for. her sister had a stroke last yr",
])
def test_a_faint_last_wk_seizure_free_since_and_a_patients_question_relayed_are_not_urgent(message):
    assert triage(message, on_treatment=True).urgent is None


@pytest.mark.parametrize(("before", "now", "key"), [
    ("what is AC-T chemo for", "lol also fyi my temp's been 38.5 since lunch, im on day 10 after AC, is that a big deal "
     "or can i just sleep it off", "fever"),
    ("my husband had a clot in his lung 2 years ago, treated, all good",
     "now his other leg is swollen and tight since yesterday and he's a bit winded", "leg_clot"),
])
def test_a_temperature_that_has_been_high_and_a_swollen_leg_after_a_clot_are_urgent_in_a_conversation(before, now, key):
    assert triage(now, before).urgent.key == key


@pytest.mark.parametrize(("report", "key"), [
    ("black poop and dizzy, on keytruda is it ok??", "blood_faint"),
    ("dont want live anymore cant do chemo again", "self_harm"),
    ("i just dont want to live like this", "self_harm"),
])
def test_short_reports_typed_on_a_phone_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


def test_not_wanting_to_live_somewhere_is_no_self_harm():
    assert triage("i dont want to live in this city anymore").urgent is None


def test_a_chest_a_bit_tight_told_as_not_wanting_to_bother_anyone_is_urgent():
    message = "dont want to bother anyone but my chest feels a bit tight since lunch, on carboplatin"
    assert triage(message, on_treatment=True).urgent.key == "chest_pain"


@pytest.mark.parametrize(("message", "urgent"), [
    ("bit breathless today but i always am with my copd, no change really", False),
    ("breathless today, same as always with my copd", False),
    ("more breathless than usual today, i always am a bit with my copd", True),
])
def test_a_red_flag_told_as_how_someone_always_is_is_a_note_unless_it_has_changed(message, urgent):
    assert (triage(message, on_treatment=True).urgent is not None) is urgent


@pytest.mark.parametrize(("report", "key"), [
    ("my 6yo on maintenance for ALL feels hot to me, 38.6 on the ear thermometer, she's got a port. do we just give "
     "calpol and see how she is in morning", "fever"),
    ("not an emergency or anything, just wondering if i should mention to the nurse on thursday that ive had diarrhoea "
     "like 8 times today with tummy cramps, on ipi and nivo", "vomiting_diarrhoea"),
    ("hes not making much sense today, keeps asking what day it is every 5 mins, he's on the myeloma drugs and his "
     "calcium was high last month", "confusion"),
    ("bit of a sore head after the imdelltra yesterday, and now I'm muddled about where I am, my wife says I keep "
     "repeating myself", "confusion"),
    ("only a small thing, my PICC arm has swollen up a lot since yesterday, fingers puffy, arm aches and the veins on "
     "my chest look bigger", "line_clot"),
])
def test_understated_reports_beside_an_old_reading_or_asking_whether_to_tell_the_nurse_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


@pytest.mark.parametrize("message", [
    "we're taking the caravan to wales between cycles, what should we pack in case he spikes a temp",
    "how do I take a temperature properly, the nurse said check twice a day while on chemo",
    "he had a stroke 5 years ago and his speech is still slurred",
    "just wondering if i should call if i get a fever tonight",
    "my arm is swollen since my lymph nodes were removed",
])
def test_planning_for_a_fever_taking_a_temperature_and_what_an_old_stroke_left_are_not_urgent(message):
    assert triage(message, on_treatment=True).urgent is None


def test_constipation_told_with_how_often_one_goes_is_no_unnamed_emergency():
    message = "bit bunged up from the anti sickness tablets, going every 2 days, what helps"
    assert triage(message, urgent_probability=0.95, on_treatment=True).urgent is None


@pytest.mark.parametrize(("report", "key"), [
    ("the arm with my PICC line is swollen and aching heaps since this arvo and my hand looks a bit purple", "line_clot"),
    ("right arm where my picc line is has gone puffy and aches up to my shoulder since this morning", "line_clot"),
    ("mate, cycle 3 of folfirinox, been on the dunny all arvo with watery runs, about 10 times, and i go dizzy when i "
     "stand", "vomiting_diarrhoea"),
    ("my neighbour is a nurse and she said its nothing, but ive had a swollen painful left leg since friday, im on "
     "thalidomide for myeloma. does thalidomide cause leg swelling", "leg_clot"),
])
def test_an_arm_named_before_its_line_runs_that_make_you_dizzy_and_a_swollen_painful_leg_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


@pytest.mark.parametrize("message", [
    "saw a post on a facebook group where a ladys lips swelled up on taxol, does that happen often",
    "my dad had a reaction to carboplatin in 2022, went red and wheezy and they stopped it. now they want to give it "
    "again with a slower drip, is that safe",
    "i had my last chemo in 2019. back then i got neutropenic sepsis twice and ended up in hospital, it was awful",
    "is it true you should go to A&E straight away with a temperature on chemo or can you wait till morning",
    "nursing student: what is tocilizumab approved for, we learned about cytokine release syndrome today",
    "is ondansetron approved for chemo sickness? last cycle i was throwing up for two days but it settled",
    "is metformin safe if ive had a fit before",
    "how do i know if im having a stroke, my chemo nurse said some drugs raise the risk",
])
def test_a_strangers_story_a_reaction_years_ago_and_how_to_tell_a_stroke_are_not_urgent(message):
    assert triage(message, on_treatment=True).urgent is None


def test_a_normal_reading_asked_about_by_someone_who_feels_totally_fine_is_no_unnamed_emergency():
    message = "is 37.2 a fever? on chemo, just checked cos i felt warm but i feel totally fine"
    assert triage(message, urgent_probability=0.95, on_treatment=True).urgent is None


@pytest.mark.parametrize(("report", "key"), [
    ("my father toilet is black like tar today, he is on chemo, is it from the iron?", "vomiting_blood"),
    ("my wife fell down in kitchen and she not wake up for a minute, now she is sitting and ok, she had chemo "
     "yesterday", "fainting"),
    ("my husband cannot pass the water since morning, nothing come out, he is on chemo for bladder", "urine"),
    ("by mistake my father took his capecitabine tablets again today, maybe 8 tablets extra", "overdose"),
    ("my husband has very strong pain in the belly suddenly, he is on the chemo, he is sweating and cannot stand "
     "straight", "abdominal_pain"),
])
def test_emergencies_in_the_english_of_people_who_learned_it_later_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


def test_a_box_of_something_handed_over_is_no_overdose():
    assert triage("what is fortisip for, the dietitian gave me a whole box").mentioned is None


@pytest.mark.parametrize(("report", "key"), [
    ("my toddler hasnt had a wet nappy since yesterday morning, shes on chemo for wilms and barely drinking anything",
     "urine"),
    ("my little brother got into my sisters mercaptopurine and ate a whole load of the tablets, hes 3", "overdose"),
])
def test_a_toddler_with_dry_nappies_and_a_child_who_ate_a_load_of_tablets_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


@pytest.mark.parametrize("report", [
    "my husband had his breyanzi last tuesday and tonight hes saying the wrong words, called the remote a spoon and "
    "laughed it off. is that just the steroids",
    "nurse taught us the write-a-sentence test after mums abecma. today her sentence is just scribble and she cant "
    "name a pen or a watch",
])
def test_wrong_words_and_a_failed_writing_or_naming_test_after_car_t_are_urgent(report):
    assert triage(report).urgent.key == "icans"


def test_a_fever_with_rigors_beside_dizziness_every_time_someone_stands_is_urgent():
    message = "had talvey yesterday, cant stop shaking, temp 39.1 and i go dizzy every time i stand up"
    assert triage(message, on_treatment=True).urgent is not None  # the habit's clause is not the fever's story


@pytest.mark.parametrize("report", [
    "honestly whats the point anymore. scan shows its spread again. ive stopped my xeloda and started giving my stuff "
    "away to my sister",
    "i've been looking up how many of my oxycodone it would take. probably won't do anything. is lenvatinib for liver "
    "cancer?",
    "keep thinking the kids would get more out of the life insurance than out of me. been thinking it every night",
    "been writing letters to each of my kids to read after. nobody knows",
    "mum told me she's been stockpiling her morphine so she can go on her own terms this week",
    "i'm a burden on everyone. i've decided i won't be one for much longer",
    "sat in the car in the garage with the engine running. just wanted to ask something first",
    "caring for him 24/7 has broken me. ive started thinking wed both be better off if i just drove us off the motorway",
    "wats the point of any of it. havent eaten in days and i keep thinking about just not being here",
    "I think I'm done I don't see a reason to keep going period I've got all mums tablets lined up on the kitchen table",
    "nobody would even notice if i disappeared. ive been standing on the bridge by the hospital every night",
    "sir my father is telling since two days he wants to end his life, he is refusing food and medicines also",
    "honestly dont know why im asking, i dont plan on being around long enough to finish the course",
    "been googling whether 30 of my amitriptyline would be enough. asking for me",
    "im tired. tired of the pain, tired of being the sick one. ive started working out how i'd do it",
    "i keep stepping closer to the edge of the platform on my way to radiotherapy. part of me wants to just not step back",
])
def test_the_warning_signs_crisis_lines_teach_told_in_everyday_words_are_self_harm_emergencies(report):
    assert triage(report, on_treatment=True).urgent.key == "self_harm"


@pytest.mark.parametrize("message", [
    "killing myself trying to understand all this jargon lol. whats the brand name for trastuzumab",
    "my dad won't be around for much longer, is there anything approved for pancreatic cancer",
    "sorry for not being here yesterday, what is keytruda for",
    "how many cycles would it take to see a response",
    "i don't see any reason to go on with chemo if it isn't working",
    "does anyone survive stage 4 bowel cancer? i cant breathe im crying so much",
])
def test_effort_prognosis_absence_and_tears_said_in_those_words_are_not_urgent(message):
    triaged = triage(message, on_treatment=True)
    assert triaged.urgent is None and triaged.mentioned is None


@pytest.mark.parametrize(("report", "key"), [
    ("papa ko chemo ke baad bukhar hai 39.2 aur bahut kaanp rahe hain, kya karein abhi", "fever"),
    ("mummy ki saans bahut phool rahi hai aur chest mein dard ho raha hai abhi, unki chemo chal rahi hai",
     "breathing"),
    ("bhai ki potty mein bahut khoon aa raha hai aaj, chemo chal rahi hai, kal tak wait kar sakte hain?", "bleeding"),
    ("si lola nag-chemo last week tapos ngayon ang taas ng lagnat nya 38.9, nanginginig pa sya, ano gagawin namin??",
     "fever"),
    ("yung tatay ko sumusuka ng dugo after ng chemo nya kanina, marami talaga, ano gagawin", "vomiting_blood"),
    ("si mama nahihirapan huminga tapos namamaga yung kanang binti nya, nasa chemo sya ngayon", "breathing"),
    ("mi mamá empezó con hinchazón en los labios y la garganta hace 10 minutos, le cuesta respirar", "breathing"),
    ("mi esposo tiene diarrea desde anoche, como 12 veces, no puede tomar ni agua, está en quimio con irinotecan",
     "vomiting_diarrhoea"),
])
def test_reports_in_hindi_tagalog_and_spanish_as_typed_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


def test_hindi_and_tagalog_words_are_whole_words_the_respelling_can_use():
    for language in (HINDI_IN_LATIN, TAGALOG):
        for words, needs in language.values():
            assert "?" not in re.sub(r"\)\?|\(\?", "", words + (needs or "")), words


@pytest.mark.parametrize("report", [
    "## update - day 7 post carbo/taxol - temp 39.1 - the shakes - q: is this normal??",
    "🤒🤒 38.6 and my bloods on monday said i was neutropenic 😬 on AC chemo rn. just chill w paracetamol??",
    "the leaflet says 'Call the helpline if your temperature is 37.5°C or above' — mine is 38.4 right now, day 9 after "
    "FEC. should i just wait till morning?",
])
def test_a_fever_told_between_dashes_after_emoji_or_as_mine_is_urgent(report):
    assert triage(report, on_treatment=True).urgent.key == "fever"


@pytest.mark.parametrize("message", ["anaphylaxis - what is it", "actemra for CAR-T CRS - licensed age range?"])
def test_a_red_flag_named_before_a_dash_and_then_asked_about_is_no_report(message):
    assert triage(message).urgent is None


@pytest.mark.parametrize(("report", "key"), [
    ("my husband is on durvalumab, hes got a new cough and hes puffing for breath just sitting in the chair, lips look "
     "a bit bluish", "breathing"),
    ("been coughing for a few days since my last durva and now i cant finish a sentence without stopping for breath",
     "breathing"),
    ("on imfinzi and today my eyelids are drooping and im struggling to swallow and to breathe properly", "breathing"),
    ("blisters coming up on my palms and soles and skin coming off in sheets, feels like burns. on keytruda", "skin"),
])
def test_breathlessness_at_rest_or_talking_and_skin_coming_off_in_sheets_on_immunotherapy_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


@pytest.mark.parametrize("report", ["calf huge and painful on tamoxifen", "leg swollen red n sore, on chemo"])
def test_a_calf_told_huge_or_a_leg_typed_with_n_for_and_is_a_clot_on_treatment(report):
    assert triage(report, on_treatment=True).urgent.key == "leg_clot"


@pytest.mark.parametrize(("report", "key"), [
    ("xeloda cycle 3, soles of both feet have big blisters and the skin has come off, raw and weeping, i literally "
     "cannot walk to the loo. can it wait till my review on thursday", "severe_toxicity"),
    ("hands and feet red raw and blistering on xeloda, cant hold a cup or walk. probably just the usual hand foot thing",
     "severe_toxicity"),
    ("my 2 yr old got into his nans handbag and swallowed one of her tablets, the box says anastrozole. he seems fine",
     "overdose"),
    ("toddler was chewing on something and its one of my apixaban tablets, half of it gone. what do i do", "overdose"),
])
def test_hand_foot_syndrome_that_stops_walking_and_a_toddler_with_a_tablet_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


def test_nodding_off_in_a_chair_in_the_afternoons_is_a_nap_not_drowsiness():
    assert triage("he keeps nodding off in his chair in the afternoons, is that the tablets", on_treatment=True
                  ).urgent is None


@pytest.mark.parametrize(("report", "key"), [
    ("my left leg is swole up real big and red and it hurts to walk on it, started yesterday evenin. im on tamoxifen",
     "leg_clot"),
    ("aint made water since yesterday mornin and my belly feels tight as a drum. i had the cisplatin on monday", "urine"),
    ("my arm on the side where the port is at done swelled up big and my neck veins are stickin out, it hurts",
     "line_clot"),
    ("swollen painful L arm same side as PICC since this morning, hand looks purple-ish", "line_clot"),
    ("my heart is racin and flutterin around and im short winded and swimmy headed, been like this since dinner",
     "palpitations"),
    ("mama has the sugar and the cancer both and shes sweatin and shaky and wont hardly answer me", "confusion"),
    ("CRP 250, neuts 0.3, T 38.1 at home, on docetaxel. pt says feels ok and wants to wait till clinic tmrw", "fever"),
    ("Ca 3.4 (corrected) on todays bloods, pt v drowsy and muddled, myeloma on dara, family v worried", "confusion"),
    ("BM 32 on fingerprick, pt drowsy and v thirsty, passing lots of urine, on nivo/ipi", "blood_sugar"),
])
def test_reports_in_rural_us_speech_and_in_a_triage_nurses_shorthand_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


@pytest.mark.parametrize("message", [
    "pt had rigors with last rituximab infusion, settled with hydrocortisone, now fine. is rituximab approved for CLL",
    "pt had neutropenic sepsis 3/12 ago on FEC, fully recovered. should we add pegfilgrastim this cycle",
    "pt had a temp 2 wks ago, treated w oral abx, now fine T 36.7 - can she fly to spain between C3 and C4?",
])
def test_a_nurses_note_of_a_reaction_or_sepsis_that_is_over_is_not_urgent(message):
    assert triage(message, on_treatment=True).urgent is None


def test_a_nurses_normal_t_reading_alarms_nothing():
    message = "vomited once this am after AC, now keeping fluids down, T 36.9 - ok to take an extra ondansetron?"
    assert triage(message, urgent_probability=0.95, on_treatment=True).urgent is None


@pytest.mark.parametrize(("report", "key"), [
    ("mums on end of life care at home and she's just vomited and seems to be choking on it, gurgling and she cant "
     "clear it", "breathing"),
    ("in the middle of dinner my mum (brain tumour) started coughing and choking and now her breathing sounds all wet",
     "breathing"),
    ("my father is having brain tumour, since morning he is not able to lift his right hand and his mouth is deviated "
     "to one side, kindly advise what to do", "stroke"),
    ("probably nothing but my mum's right leg went a bit funny and numb about half an hour ago and she keeps dropping "
     "things with her right hand. she has a brain tumour", "stroke"),
])
def test_choking_a_wet_gurgling_breath_and_one_sided_weakness_at_home_are_urgent(report, key):
    assert triage(report, on_treatment=True).urgent.key == key


@pytest.mark.parametrize("message", ["i got choked up when the doctor told me", "my stomach is gurgling after chemo",
                                     "i nearly choked on a pill yesterday, is there a liquid form of tamoxifen"])
def test_choked_up_with_feeling_a_gurgling_stomach_and_a_near_choke_are_not_urgent(message):
    assert triage(message, on_treatment=True).urgent is None


@pytest.mark.parametrize("message", ["my oncologist won't answer me about the scan results, is keytruda for lung cancer",
                                     "the instructions make no sense to me"])
def test_a_clinic_that_will_not_answer_and_instructions_that_make_no_sense_are_no_confusion(message):
    assert triage(message, on_treatment=True).urgent is None
