"""Coreference inside an article: short forms, acronyms and descriptions join the right entity."""

from __future__ import annotations

from pipelines import annotate


def entity(ex, name):  # type: ignore[no-untyped-def]
    return next(e for e in ex.entities if e.name == name)


def anyone_called(ex, word):  # type: ignore[no-untyped-def]
    """Whether any entity has an alias containing ``word``."""
    return any(word in a for e in ex.entities for a in e.aliases)


def test_a_surname_joins_the_full_name_and_takes_its_type() -> None:
    ex = annotate("José Antonio Kast ganó la primera vuelta. Kast celebró en Santiago. Kast habló después.")
    kast = entity(ex, "José Antonio Kast")
    assert kast.type == "PERSON"
    assert "Kast" in kast.aliases
    assert [e.name for e in ex.entities].count("Kast") == 0
    assert len(kast.mentions) == 3


def test_an_ambiguous_surname_is_not_merged() -> None:
    ex = annotate("Carlos Pérez y Ana Pérez hablaron con la prensa. Pérez dijo que no.")
    assert "Pérez" not in entity(ex, "Carlos Pérez").aliases
    assert "Pérez" not in entity(ex, "Ana Pérez").aliases


def test_an_acronym_defined_in_parentheses_joins_its_name() -> None:
    ex = annotate(
        "El Consejo Coordinador Empresarial (CCE) se reunió con el presidente. El CCE respaldó el plan."
    )
    cce = entity(ex, "Consejo Coordinador Empresarial")
    assert cce.type == "ORGANIZATION"
    assert "CCE" in cce.aliases


def test_a_role_description_as_subject_refers_to_the_last_named_subject() -> None:
    ex = annotate("José Antonio Kast llegó a Santiago. El dirigente chileno criticó a Gabriel Boric.")
    assert "El dirigente chileno" in entity(ex, "José Antonio Kast").aliases
    assert "El dirigente chileno" not in entity(ex, "Gabriel Boric").aliases


def test_a_description_in_apposition_joins_that_name() -> None:
    ex = annotate(
        "El virtual presidente electo, Andrés Manuel López Obrador, llegó tarde. Vicente Fox esperó."
    )
    amlo = entity(ex, "Andrés Manuel López Obrador")
    assert any(a.lower().startswith("el virtual presidente") for a in amlo.aliases)
    assert not entity(ex, "Vicente Fox").aliases


def test_an_organisation_description_that_points_back_joins_it() -> None:
    ex = annotate(
        "Mario Delgado preside el Movimiento Regeneración Nacional. "
        "Pidió a los militantes de este instituto político cerrar filas."
    )
    assert "este instituto político" in entity(ex, "Movimiento Regeneración Nacional").aliases


def test_a_bare_organisation_noun_is_not_resolved() -> None:
    ex = annotate(
        "El Partido Acción Nacional perdió. Carlos Romero Deschamps expresó el respaldo del gremio."
    )
    assert not anyone_called(ex, "gremio")


def test_a_description_agrees_in_gender_with_its_antecedent() -> None:
    ex = annotate(
        "La candidata comunista Jeannette Jara habló en Santiago. José Antonio Kast respondió desde Temuco. "
        "La candidata criticó el programa de Kast."
    )
    assert "La candidata" in entity(ex, "Jeannette Jara").aliases
    assert "La candidata" not in entity(ex, "José Antonio Kast").aliases


def test_a_plural_description_is_nobodys_alias() -> None:
    ex = annotate("Los candidatos presidenciales Andrés Arauz y Guillermo Lasso negaron las acusaciones.")
    assert not anyone_called(ex, "candidatos")


def test_name_variants_merge_before_the_lone_surname_is_resolved() -> None:
    ex = annotate(
        "Ricardo Anaya habló en Toluca. Anaya Cortés respondió a José Antonio Meade. Después, Anaya criticó."
    )
    anaya = entity(ex, "Ricardo Anaya")
    assert {"Anaya Cortés", "Anaya"} <= set(anaya.aliases)


def test_a_parenthesised_acronym_joins_only_a_name_it_abbreviates() -> None:
    ex = annotate(
        "Agentes enviados por Estados Unidos (FBI) detuvieron al sospechoso. "
        "El Consejo Coordinador Empresarial (CCE) respaldó el plan."
    )
    assert "FBI" not in entity(ex, "Estados Unidos").aliases
    assert "CCE" in entity(ex, "Consejo Coordinador Empresarial").aliases


def test_a_spanish_page_naming_cpac_both_ways_has_one_cpac() -> None:
    ex = annotate(
        "José Antonio Kast habló en la Conferencia Política de Acción Conservadora (CPAC) en Buenos Aires. "
        "En la CPAC también estuvo Milei."
    )
    cpac = [e for e in ex.entities if "CPAC" in (e.name, *e.aliases)]
    assert [e.name for e in cpac] == ["Conferencia Política de Acción Conservadora"]


def test_a_place_inside_a_bodys_name_stays_the_place() -> None:
    # "Chicago" after "de" names the city, not the team; a territory's formal name is the exception
    ex = annotate(
        "Los Cachorros de Chicago ganaron el domingo. El alcalde viajó a Chicago el lunes. "
        "El Estado de Guerrero pidió ayuda. Guerrero recibió fondos federales."
    )
    assert "Chicago" not in entity(ex, "Cachorros de Chicago").aliases
    assert "Guerrero" in entity(ex, "Estado de Guerrero").aliases


def test_a_place_after_de_in_one_of_a_bodys_names_stays_the_place() -> None:
    ex = annotate(
        "El Teatro Real de Madrid abrió la temporada. El Teatro Real vendió todo. Madrid celebró el estreno."
    )
    assert not any(a == "Madrid" for e in ex.entities for a in e.aliases)


def test_a_description_naming_another_country_does_not_go_back_to_a_person_of_one() -> None:
    ex = annotate(
        "El presidente estadounidense, Donald Trump, llegó a Miami. El presidente cubano criticó el embargo."
    )
    trump = entity(ex, "Donald Trump")
    assert any("estadounidense" in a for a in trump.aliases)
    assert not any("cubano" in a for a in trump.aliases)


def test_names_that_differ_only_in_their_connectors_are_one() -> None:
    ex = annotate(
        "El Ministerio del Interior publicó las cifras. Ana Ruiz criticó al Ministerio de Interior."
    )
    assert [e.name for e in ex.entities if "Interior" in e.name] == ["Ministerio del Interior"]


def test_a_coalition_is_not_the_party_in_its_name() -> None:
    ex = annotate("Unidas Podemos votó en contra. Pablo Iglesias, líder de Podemos, lo explicó.")
    assert {"Unidas Podemos", "Podemos"} <= {e.name for e in ex.entities}


def test_a_body_named_after_a_person_is_not_that_person() -> None:
    ex = annotate(
        "La Administración Trump anunció aranceles. Donald Trump habló en Ohio. Trump insistió después."
    )
    assert "Trump" not in entity(ex, "Administración Trump").aliases
    assert "Trump" in entity(ex, "Donald Trump").aliases


def test_a_party_called_by_its_name_without_partido_is_the_party() -> None:
    ex = annotate("Encuentro Social respaldó a López Obrador. El PES firmó la coalición.")
    assert {"Encuentro Social", "PES"} <= set(entity(ex, "Partido Encuentro Social").aliases)


def test_an_organisation_description_goes_back_only_to_a_body() -> None:
    # Google was named last, but nothing says it is a body a party description could mean
    ex = annotate("El PRI criticó la decisión. Google suspendió la campaña de este partido político.")
    assert not any("partido" in a for a in entity(ex, "Google").aliases)


def test_a_plural_body_description_is_no_bodys_alias() -> None:
    # "los partidos más pequeños" are several parties: none of them is called that
    ex = annotate("El PRI perdió votos. Los votantes prefirieron a los partidos más pequeños.")
    assert not anyone_called(ex, "partidos")


def test_a_description_carrying_its_own_name_points_back_to_nobody() -> None:
    # "la coalición PRI-PVEM-Panal" names its coalition; Facebook was merely the organisation named last
    ex = annotate(
        "Foto: Facebook. José Antonio Meade, candidato de la coalición PRI-PVEM-Panal, reconoció su derrota."
    )
    assert not anyone_called(ex, "coalición")


def test_a_description_ends_before_what_its_adjective_governs() -> None:
    ex = annotate(
        "El Partido Popular presentó su programa. Ayer el partido más votado por los ciudadanos "
        "que están viendo la tele anunció su candidato."
    )
    assert "el partido más votado" in entity(ex, "Partido Popular").aliases


def test_a_platform_is_described_only_as_a_platform() -> None:
    ex = annotate(
        "El vídeo tiene 43.000 reproducciones en Twitter, aunque la red bloqueó la cuenta oficial del "
        "partido ultra. Facebook retiró el vídeo, y un portavoz de esta plataforma lo anunció ayer."
    )
    assert not any("partido" in a for a in entity(ex, "Twitter").aliases)
    assert "esta plataforma" in entity(ex, "Facebook").aliases
